import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import type { EncodedItem } from '../json/encoded-item';

/** The run files the SDK uploads by default, written to `<run dir>/files/` at finish. */
export const defaultRunFiles = [
  'wandb-metadata.json',
  'config.yaml',
  'requirements.txt',
  'wandb-summary.json',
];

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
 * `requirements.txt` for a Node program: the resolved versions of the nearest package.json's
 * dependencies (`name==version`, as pip freeze lists Python's), found in node_modules.
 */
export function resolvedDependencies(start = process.cwd()): string {
  let directory = start;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) return '';
    directory = parent;
  }
  try {
    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).sort();
    return names
      .map((name) => {
        const installed = join(directory, 'node_modules', name, 'package.json');
        const version = existsSync(installed)
          ? (JSON.parse(readFileSync(installed, 'utf8')) as { version?: string }).version
          : undefined;
        return `${name}==${version ?? 'unknown'}\n`;
      })
      .join('');
  } catch {
    return '';
  }
}

/** What the run files describe. */
export interface RunFilesContent {
  readonly startTime: number;
  readonly config: readonly EncodedItem[];
  readonly summaryJson: string;
}

/** Writes the default run files into `filesDirectory`; returns their names. */
export function writeRunFiles(filesDirectory: string, content: RunFilesContent): string[] {
  const metadata = {
    os: `${platform()}-${release()}`,
    node: process.version,
    startedAt: new Date(content.startTime * 1000).toISOString(),
    program: process.argv[1] ?? '',
    args: process.argv.slice(2),
    executable: process.execPath,
    host: hostname(),
  };
  writeFileSync(join(filesDirectory, 'wandb-metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
  writeFileSync(join(filesDirectory, 'config.yaml'), configYaml(content.config));
  writeFileSync(join(filesDirectory, 'requirements.txt'), resolvedDependencies());
  writeFileSync(join(filesDirectory, 'wandb-summary.json'), content.summaryJson);
  return [...defaultRunFiles];
}
