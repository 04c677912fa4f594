import { randomUUID } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { platform, release } from 'node:os';
import { basename, join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { type Logger, redactSecrets } from '@tasklens/core/plugin';
import type { EncodedItem } from '../json/encoded-item';
import {
  type EnvironmentRecordFields,
  encodeEnvironmentRecord,
  encodeFilesRecord,
  type FilePolicy,
} from '../offline/wandb-records';
import { resolvedDependencies } from './resolved-dependencies';

/** What the run files need from the run. */
export interface RunFilesOptions {
  /** The run directory (it moves when an online run is marked offline); undefined when disabled. */
  readonly directory: () => string | undefined;
  /** Unix seconds. */
  readonly startTime: number;
  readonly host: string;
  /** Appends a record to the run's `.wandb` file (what `wandb sync` reads). */
  readonly appendRecord: (record: () => Uint8Array) => void;
  /** Queues a file for upload online; undefined for offline runs (`wandb sync` uploads them). */
  readonly upload: ((name: string, path: string) => void) | undefined;
  readonly logger: Logger;
}

/** What the files written at finish describe. */
export interface FinishedRunContent {
  readonly config: readonly EncodedItem[];
  readonly summaryJson: string;
}

/** `config.yaml` as the SDK writes it: each key with its `value` (JSON is valid YAML flow style). */
function configYaml(items: readonly EncodedItem[]): string {
  const yamlValue = (json: string) =>
    json
      .replace(/\bNaN\b/g, '.nan')
      .replace(/-Infinity\b/g, '-.inf')
      .replace(/\bInfinity\b/g, '.inf');
  return items.map(([key, value]) => `${JSON.stringify(key)}:\n  value: ${yamlValue(value)}\n`).join('');
}

/**
 * The run's files, recorded as the SDK records them so that both the service (online) and
 * `wandb sync` (offline) get the same ones: at start an `EnvironmentRecord` (sync derives
 * `wandb-metadata.json` from it) and `requirements.txt` with a `FilesRecord`; `save(path)` adds a
 * `FilesRecord` with its policy; `config.yaml` and `wandb-summary.json` need no record (sync
 * writes them from the config and summary records). Online, the files are uploaded at finish
 * (`now` ones at once), as the SDK's CreateRunFiles + PUT.
 */
export class RunFiles {
  private readonly options: RunFilesOptions;
  private readonly environment: EnvironmentRecordFields;
  private readonly saved = new Map<string, { source: string; policy: FilePolicy }>();
  private requirementsWritten = false;

  constructor(options: RunFilesOptions) {
    this.options = options;
    this.environment = {
      os: `${platform()}-${release()}`,
      startedAt: options.startTime,
      args: process.argv.slice(2),
      program: process.argv[1] ?? '',
      root: process.cwd(),
      host: options.host,
      executable: process.execPath,
      writerId: randomUUID(),
    };
  }

  private get filesDirectory(): string | undefined {
    const directory = this.options.directory();
    return directory === undefined ? undefined : join(directory, 'files');
  }

  /** Records the environment and writes `requirements.txt`, as the SDK does when a run starts. */
  start(): void {
    const filesDirectory = this.filesDirectory;
    if (filesDirectory === undefined) return;
    this.options.appendRecord(() => encodeEnvironmentRecord(this.environment));
    try {
      writeFileSync(join(filesDirectory, 'requirements.txt'), resolvedDependencies());
      this.requirementsWritten = true;
      this.options.appendRecord(() =>
        encodeFilesRecord([{ path: 'requirements.txt', policy: 'now', wandbFile: true }]),
      );
    } catch (error) {
      this.options.logger.warn(`could not write requirements.txt: ${redactSecrets(String(error))}`);
    }
  }

  /**
   * The SDK's `run.save(path, policy)`: copies the file into `files/` now (so a killed run still
   * has it) and records it; `live` and `end` files are copied again at finish, so their final
   * content is what gets uploaded. Returns the name the file is saved under.
   */
  save(path: string, policy: FilePolicy = 'live'): string {
    const name = basename(path);
    const filesDirectory = this.filesDirectory;
    if (policy !== 'live' && policy !== 'now' && policy !== 'end') {
      throw new InvalidOptionError({
        option: 'policy',
        message: `policy must be 'live', 'now' or 'end', got ${JSON.stringify(policy)}`,
      });
    }
    if (filesDirectory === undefined) return name;
    try {
      copyFileSync(path, join(filesDirectory, name));
    } catch (error) {
      throw new InvalidOptionError({
        option: 'path',
        message: `path: cannot save ${JSON.stringify(path)}: ${String(error)}`,
      });
    }
    this.saved.set(name, { source: path, policy });
    this.options.appendRecord(() => encodeFilesRecord([{ path: name, policy }]));
    if (policy === 'now') this.options.upload?.(name, join(filesDirectory, name));
    return name;
  }

  /** At finish: final copies of `live`/`end` files and, online, the SDK's run files queued for upload. */
  finish(content: FinishedRunContent): void {
    const filesDirectory = this.filesDirectory;
    if (filesDirectory === undefined) return;
    const names: string[] = [];
    for (const [name, file] of this.saved) {
      if (file.policy === 'now') continue;
      try {
        copyFileSync(file.source, join(filesDirectory, name));
      } catch {
        // Gone or unreadable since save(): the copy taken then is uploaded instead.
      }
      names.push(name);
    }
    const upload = this.options.upload;
    if (upload === undefined) return;
    try {
      writeFileSync(join(filesDirectory, 'wandb-metadata.json'), metadataJson(this.environment));
      writeFileSync(join(filesDirectory, 'config.yaml'), configYaml(content.config));
      writeFileSync(join(filesDirectory, 'wandb-summary.json'), content.summaryJson);
      names.push('wandb-metadata.json', 'config.yaml', 'wandb-summary.json');
      if (this.requirementsWritten) names.push('requirements.txt');
    } catch (error) {
      this.options.logger.warn(`could not write the run files: ${redactSecrets(String(error))}`);
    }
    for (const name of names) upload(name, join(filesDirectory, name));
  }
}

/** wandb-metadata.json with the names wandb-core gives the EnvironmentRecord fields, so online and synced runs match. */
function metadataJson(environment: EnvironmentRecordFields): string {
  const metadata = {
    os: environment.os,
    startedAt: new Date(environment.startedAt * 1000).toISOString(),
    ...(environment.args.length > 0 ? { args: environment.args } : {}),
    program: environment.program,
    root: environment.root,
    host: environment.host,
    executable: environment.executable,
    writerId: environment.writerId,
  };
  return `${JSON.stringify(metadata, null, 2)}\n`;
}
