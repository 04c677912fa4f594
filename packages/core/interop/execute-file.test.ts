import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, oracle, type ParsedError, tasklensExecute } from './fixtures/execute-harness';

function workDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'tasklens-execute-'));
}

/** `tasklens execute` over file:// prefixes against the real flytekit TypeEngine. */
describe('tasklens execute with file:// prefixes (flytekit 1.16.31 oracle)', () => {
  it('reads inputs.pb written by TypeEngine.to_literal and writes outputs.pb flytekit reads back', async () => {
    const work = workDirectory();
    const kinds = lastJson<Record<string, string>>(
      await oracle('write-inputs', [work, `file://${work}/inputs.pb`, `file://${work}/python-raw`]),
    );
    // flytekit ≥1.14 sends an untyped dict as msgpack Binary; collections and maps as such.
    expect(kinds).toMatchObject({ settings: 'scalar', numbers: 'collection', scores: 'map' });

    const result = await tasklensExecute({
      inputs: `file://${work}/inputs.pb`,
      outputPrefix: `file://${work}/out`,
      rawPrefix: `file://${work}/raw`,
      task: 'everything',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(work, 'out', 'error.pb'))).toBe(false);
    const deck = readFileSync(join(work, 'out', 'deck.html'), 'utf8');
    expect(deck).toContain('hello from TypeScript');

    const outputs = lastJson<Record<string, any>>(
      await oracle('read-outputs', [`file://${work}/out/outputs.pb`]),
    );
    expect(outputs).toMatchObject({
      count: 42,
      ratio: 2.5,
      label: 'héllo!',
      flag: false,
      when: { datetime: '2024-05-01T12:00:01.123000+00:00' },
      wait: { seconds: 2 * (5400 + 0.25) },
      nothing: null,
      numbers: [1, 2, 3, 3],
      scores: { a: 0.5, b: 1.5, total: 2 },
      settings: {
        depth: 3,
        name: 'x',
        tags: ['p', 'q'],
        inner: { ok: true, none: null },
        seenBy: 'typescript',
      },
      nested: [{ k: 'v' }, {}],
      report: { file: 'rows=41\n' },
      folder: { directory: { 'a.txt': 'A', 'sub/b.txt': 'B' } },
      // Files Python produced, read by the TypeScript task.
      datasetText: 'a,b\n1,2\n',
      folderText: 'from python directory',
      profileText: 'binary-profile',
    });
    // flytekit's random-path layout: <raw prefix>/<32 hex>/<file name>.
    expect(outputs.report.uri).toMatch(new RegExp(`^${work}/raw/[0-9a-f]{32}/report\\.txt$`));
    expect(outputs.folder.uri).toMatch(new RegExp(`^${work}/raw/[0-9a-f]{32}$`));
  });

  it('writes a USER error.pb flytekit parses for a throwing task, exits 0 and still uploads the deck', async () => {
    const work = workDirectory();
    await oracle('write-literal-map', [`file://${work}/inputs.pb`, JSON.stringify({ reason: 'boom' })]);
    const result = await tasklensExecute({
      inputs: `file://${work}/inputs.pb`,
      outputPrefix: `file://${work}/out`,
      rawPrefix: `file://${work}/raw`,
      task: 'explode',
    });
    expect(result.code).toBe(0);
    expect(existsSync(join(work, 'out', 'outputs.pb'))).toBe(false);
    expect(readFileSync(join(work, 'out', 'deck.html'), 'utf8')).toContain('written before the error');
    const error = lastJson<ParsedError>(await oracle('read-error', [`file://${work}/out/error.pb`]));
    expect(error).toMatchObject({
      code: 'USER:RuntimeError',
      kind: 'NON_RECOVERABLE',
      origin: 'USER',
      has_timestamp: true,
    });
    expect(error.message).toMatch(/^Trace:\n\n {4}Error: exploded: boom\n/);
    expect(error.message).toContain('Message:\n\n    Error: exploded: boom');
  });

  it('exits non-zero with FLYTE_FAIL_ON_ERROR=true after writing error.pb', async () => {
    const work = workDirectory();
    await oracle('write-literal-map', [`file://${work}/inputs.pb`, JSON.stringify({ reason: 'boom' })]);
    const result = await tasklensExecute(
      { inputs: `${work}/inputs.pb`, outputPrefix: `${work}/out`, rawPrefix: `${work}/raw`, task: 'explode' },
      { FLYTE_FAIL_ON_ERROR: 'True' },
    );
    expect(result.code).toBe(1);
    expect(existsSync(join(work, 'out', 'error.pb'))).toBe(true);
  });

  describe('bad input: a clear error document and no outputs.pb', () => {
    async function expectError(
      inputs: string,
      work: string,
      task: string,
      env: Record<string, string> = {},
    ): Promise<ParsedError> {
      const result = await tasklensExecute(
        { inputs, outputPrefix: `file://${work}/out`, rawPrefix: `file://${work}/raw`, task },
        env,
      );
      expect(result.code, result.stderr).toBe(0);
      expect(existsSync(join(work, 'out', 'outputs.pb'))).toBe(false);
      return lastJson<ParsedError>(await oracle('read-error', [`file://${work}/out/error.pb`]));
    }

    it('corrupt inputs.pb → recoverable SYSTEM error naming the file', async () => {
      const work = workDirectory();
      writeFileSync(join(work, 'inputs.pb'), Buffer.from('this is not protobuf \xff\xff\xff'));
      const error = await expectError(`file://${work}/inputs.pb`, work, 'add');
      expect(error).toMatchObject({ code: 'SYSTEM', kind: 'RECOVERABLE', origin: 'SYSTEM' });
      expect(error.message).toContain('is not a valid flyteidl.core.LiteralMap');
    });

    it('a missing input → non-recoverable SYSTEM error naming the input', async () => {
      const work = workDirectory();
      await oracle('write-literal-map', [`file://${work}/inputs.pb`, JSON.stringify({ a: 1 })]);
      const error = await expectError(`file://${work}/inputs.pb`, work, 'add');
      expect(error).toMatchObject({ code: 'SYSTEM', kind: 'NON_RECOVERABLE', origin: 'SYSTEM' });
      expect(error.message).toContain('Missing input b (integer)');
    });

    it('a type mismatch → non-recoverable SYSTEM error naming the input and both types', async () => {
      const work = workDirectory();
      await oracle('write-literal-map', [`file://${work}/inputs.pb`, JSON.stringify({ a: 'one', b: 2 })]);
      const error = await expectError(`file://${work}/inputs.pb`, work, 'add');
      expect(error).toMatchObject({ code: 'SYSTEM', kind: 'NON_RECOVERABLE', origin: 'SYSTEM' });
      expect(error.message).toContain('inputs.a: expected a integer literal, got a stringValue primitive');
    });

    it('an unknown task → non-recoverable USER error listing the exported tasks (as flytekit)', async () => {
      const work = workDirectory();
      await oracle('write-literal-map', [`file://${work}/inputs.pb`, JSON.stringify({ a: 1, b: 2 })]);
      const error = await expectError(`file://${work}/inputs.pb`, work, 'noSuchTask');
      expect(error).toMatchObject({ code: 'USER:RuntimeError', kind: 'NON_RECOVERABLE', origin: 'USER' });
      expect(error.message).toContain('Task noSuchTask not found');
      expect(error.message).toContain('add (interop.add)');
    });

    it('an unreachable bucket → recoverable SYSTEM error naming the URI', async () => {
      const work = workDirectory();
      const error = await expectError('s3://missing-bucket/run/inputs.pb', work, 'add', {
        FLYTE_AWS_ENDPOINT: 'http://127.0.0.1:9',
        FLYTE_AWS_ACCESS_KEY_ID: 'minio',
        FLYTE_AWS_SECRET_ACCESS_KEY: 'miniostorage',
        FLYTE_AWS_RETRIES: '0',
      });
      expect(error).toMatchObject({ code: 'SYSTEM', kind: 'RECOVERABLE', origin: 'SYSTEM' });
      expect(error.message).toContain('Cannot read s3://missing-bucket/run/inputs.pb');
      expect(error.message).toContain('ECONNREFUSED');
    });

    it('an unreachable output prefix → non-zero exit and nothing written', async () => {
      const work = workDirectory();
      await oracle('write-literal-map', [`file://${work}/inputs.pb`, JSON.stringify({ a: 1, b: 2 })]);
      const result = await tasklensExecute(
        {
          inputs: `file://${work}/inputs.pb`,
          outputPrefix: 's3://nowhere/out',
          rawPrefix: `file://${work}/raw`,
          task: 'add',
        },
        {
          FLYTE_AWS_ENDPOINT: 'http://127.0.0.1:9',
          FLYTE_AWS_ACCESS_KEY_ID: 'minio',
          FLYTE_AWS_SECRET_ACCESS_KEY: 'miniostorage',
          FLYTE_AWS_RETRIES: '0',
        },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Cannot write the error document');
    });
  });

  it('SIGTERM writes a recoverable SYSTEM error and flushes the deck', async () => {
    const work = workDirectory();
    writeFileSync(join(work, 'inputs.pb'), new Uint8Array());
    const result = await tasklensExecute(
      {
        inputs: `file://${work}/inputs.pb`,
        outputPrefix: `file://${work}/out`,
        rawPrefix: `file://${work}/raw`,
        task: 'sleepy',
      },
      { SLEEPY_STARTED_MARKER: join(work, 'started') },
      (child) => {
        // Signal once the task body runs (it writes the marker), so the deck holds its content.
        const poll = setInterval(() => {
          if (existsSync(join(work, 'started'))) {
            clearInterval(poll);
            child.kill('SIGTERM');
          }
        }, 50);
        child.on('close', () => clearInterval(poll));
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(work, 'out', 'outputs.pb'))).toBe(false);
    expect(readFileSync(join(work, 'out', 'deck.html'), 'utf8')).toContain('Sleepy');
    const error = lastJson<ParsedError>(await oracle('read-error', [`file://${work}/out/error.pb`]));
    expect(error).toMatchObject({ code: 'SYSTEM', kind: 'RECOVERABLE', origin: 'SYSTEM' });
    expect(error.message).toContain('received SIGTERM');
  });
});
