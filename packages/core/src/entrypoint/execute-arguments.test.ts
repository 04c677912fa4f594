import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { normalizeFlyteValue, parseExecuteArguments } from './execute-arguments';

const rendered = [
  '--inputs',
  's3://my-s3-bucket/metadata/propeller/fs-dev-a4lm/n0/data/inputs.pb',
  '--output-prefix',
  's3://my-s3-bucket/metadata/propeller/fs-dev-a4lm/n0/data/0',
  '--raw-output-data-prefix',
  's3://my-s3-bucket/data/5t/a4lm-n0-0',
  '--checkpoint-path',
  's3://my-s3-bucket/data/5t/a4lm-n0-0/_flytecheckpoints',
  '--prev-checkpoint',
  '""',
];

describe('parseExecuteArguments (the pyflyte-execute contract)', () => {
  it('reads the five Flyte flags and the task location; "" means no previous checkpoint', () => {
    expect(
      parseExecuteArguments([...rendered, '--task-module', './dist/tasks.js', '--task-name', 'train']),
    ).toEqual({
      inputs: 's3://my-s3-bucket/metadata/propeller/fs-dev-a4lm/n0/data/inputs.pb',
      outputPrefix: 's3://my-s3-bucket/metadata/propeller/fs-dev-a4lm/n0/data/0',
      rawOutputDataPrefix: 's3://my-s3-bucket/data/5t/a4lm-n0-0',
      checkpointPath: 's3://my-s3-bucket/data/5t/a4lm-n0-0/_flytecheckpoints',
      previousCheckpoint: undefined,
      taskModule: './dist/tasks.js',
      taskName: 'train',
    });
  });

  it('ignores unknown Flyte flags with or without values, and honours loader args after --', () => {
    const parsed = parseExecuteArguments([
      '--test',
      '--dynamic-addl-distro',
      's3://x/y.tar.gz',
      '--max-concurrency=4',
      ...rendered,
      '--resolver',
      'flytekit.core.python_auto_container.default_task_resolver',
      '--',
      'task-module',
      'app.tasks',
      'task-name',
      'profile',
    ]);
    expect(parsed).toMatchObject({ taskModule: 'app.tasks', taskName: 'profile', inputs: rendered[1] });
  });

  it('accepts --flag=value and treats unrendered templates as absent (old propeller)', () => {
    const parsed = parseExecuteArguments([
      '--inputs=/tmp/inputs.pb',
      '--output-prefix=/tmp/out',
      '--raw-output-data-prefix',
      '{{.rawOutputDataPrefix}}',
      '--prev-checkpoint',
      '{{ .prevCheckpointPrefix }}',
      '--task-module=m.js',
      '--task-name=t',
    ]);
    expect(parsed.rawOutputDataPrefix).toBeUndefined();
    expect(parsed.previousCheckpoint).toBeUndefined();
    expect(parsed.checkpointPath).toBeUndefined();
    expect(normalizeFlyteValue('')).toBeUndefined();
    expect(normalizeFlyteValue('s3://b/prev')).toBe('s3://b/prev');
  });

  it('names the missing flag', () => {
    const error = (() => {
      try {
        parseExecuteArguments(['--inputs', '/tmp/in.pb', '--task-module', 'm.js', '--task-name', 't']);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect((error as InvalidOptionError).option).toBe('--output-prefix');
    expect(() => parseExecuteArguments([...rendered, '--task-name', 't'])).toThrow(
      '--task-module is required (path of the JavaScript module exporting the task)',
    );
    expect(() => parseExecuteArguments(['--inputs'])).toThrow('--inputs needs a value');
  });
});
