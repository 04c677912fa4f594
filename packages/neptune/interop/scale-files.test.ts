import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { oraclePython } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { ScaleTestServer } from '../src/testing/index';
import { scalePythonEnvironment } from './scale-python-environment';

const script = fileURLToPath(new URL('./python/scale_run.py', import.meta.url));
let server: ScaleTestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the Scale test server stores files as neptune-scale 0.30 uploads them (assign_files)', () => {
  it('the real client signs, uploads every byte and assigns file references to the attributes', async () => {
    server = await ScaleTestServer.start();
    const directory = mkdtempSync(join(tmpdir(), 'neptune-scale-files-'));
    const config = join(directory, 'config.yaml');
    const weights = join(directory, 'weights.bin');
    const weightBytes = randomBytes(300_000);
    writeFileSync(config, 'lr: 0.001\n');
    writeFileSync(weights, weightBytes);
    const result = await runProcess(oraclePython(), [script], {
      cwd: mkdtempSync(join(tmpdir(), 'neptune-scale-py-')),
      env: scalePythonEnvironment(server.apiToken, {
        RUN_ID: 'py-files',
        STEPS: '1',
        ASSIGN_FILES: `files/config=${config},files/weights=${weights},files/notes=text:hello notes`,
      }),
    });
    const unknown = server.requests
      .filter((request) => request.unknownRoute)
      .map((r) => `${r.method} ${r.path}`);
    expect(result.code, `${result.stderr}\nunknown routes: ${unknown.join(', ')}`).toBe(0);
    expect(unknown).toEqual([]);
    const configs = server.runOf('tasklens/scale', 'py-files')!.configs;
    const expected = {
      'files/config': Buffer.from('lr: 0.001\n'),
      'files/weights': weightBytes,
      'files/notes': Buffer.from('hello notes'),
    };
    for (const [attribute, content] of Object.entries(expected)) {
      const reference = configs.get(attribute) as { path: string; sizeBytes: bigint; mimeType: string };
      expect(reference?.path, attribute).toMatch(/^py-files-[0-9a-f]{16}\/files_[a-z]+-[0-9a-f]{16}\//);
      expect(Number(reference.sizeBytes), attribute).toBe(content.length);
      const stored = server.storedFiles.get(reference.path);
      expect(stored?.content.equals(content), attribute).toBe(true);
      expect(stored?.contentType, attribute).toBe(reference.mimeType);
    }
  });
});
