import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreSlot } from '../globals/core-slot';
import { randomHex } from '../ids/random-hex';

const sandboxSlot = coreSlot<string>('context.localSandbox');

/**
 * The local sandbox directory: `FLYTE_SDK_LOCAL_SANDBOX` when set, otherwise one `flyte*` temp
 * directory per process, as flytekit's `local_sandbox_path`.
 */
export function localSandboxDirectory(environment: Readonly<Record<string, string | undefined>>): string {
  const configured = environment.FLYTE_SDK_LOCAL_SANDBOX;
  if (configured) {
    mkdirSync(configured, { recursive: true });
    return configured;
  }
  return sandboxSlot.getOrCreate(() => mkdtempSync(join(tmpdir(), 'flyte')));
}

/** A fresh `<sandbox>/local_flytekit/<32 hex>` directory, flytekit's random local directory. */
export function randomLocalDirectory(sandboxDirectory: string): string {
  const directory = join(sandboxDirectory, 'local_flytekit', randomHex(16));
  mkdirSync(directory, { recursive: true });
  return directory;
}
