import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readOfflineArchive } from './read-offline-archive';

const fixture = fileURLToPath(new URL('../__fixtures__/python-offline-archive.zip', import.meta.url));

describe('readOfflineArchive', () => {
  it('reads an archive the Python SDK wrote offline (experiment.json, messages, asset files)', () => {
    const archive = readOfflineArchive(fixture);
    expect(archive.experiment).toMatchObject({
      offline_id: 'b'.repeat(32),
      project_name: 'proj',
      workspace: 'ws',
      tags: ['t1'],
      resume_strategy: 'get_or_create',
    });
    const payloads = (type: string) =>
      archive.messages.filter((message) => message.type === type).map((message) => message.payload);
    expect(payloads('metric_msg').map((payload) => payload.metric)).toContainEqual({
      epoch: 2,
      metricName: 'loss',
      metricValue: 0.5,
      step: 1,
    });
    expect(
      payloads('parameter_msg')
        .map((payload) => payload.params)
        .filter(Boolean),
    ).toEqual([{ paramName: 'layers', paramValue: [1, 2], source: 'manual', step: 2 }]);
    expect(payloads('log_other')).toContainEqual({ key: 'Name', message_id: 10, value: 'named' });
    expect(payloads('htmlOverride')).toEqual([{ htmlOverride: '<i>y</i>', message_id: 12 }]);
    const upload = payloads('file_upload')[0] as { file_path: string };
    expect(archive.files.get(upload.file_path)!.toString()).toBe('bytes!');
    expect(payloads('standard_output')[0]).toMatchObject({ output: 'hello out', stderr: false });
  });
});
