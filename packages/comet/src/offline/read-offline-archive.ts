import { CorruptFileError } from '@tasklens/core';
import type { OfflineExperimentMetadata } from './offline-archive-writer';
import type { OfflineMessage } from './offline-message';
import { readZipArchive } from './read-zip-archive';

/** An offline archive's content: `experiment.json`, the messages in order, and the other files. */
export interface OfflineArchive {
  experiment: OfflineExperimentMetadata;
  messages: OfflineMessage[];
  files: Map<string, Buffer>;
}

/** Reads an offline archive written by us or by the Python SDK (`OfflineExperiment`). */
export function readOfflineArchive(path: string): OfflineArchive {
  const entries = readZipArchive(path);
  const experiment = entries.get('experiment.json');
  const messages = entries.get('messages.json');
  if (experiment === undefined || messages === undefined) {
    throw new CorruptFileError({
      path,
      field: experiment === undefined ? 'experiment.json' : 'messages.json',
      message: `${path} is not a Comet offline archive: experiment.json or messages.json is missing`,
    });
  }
  entries.delete('experiment.json');
  entries.delete('messages.json');
  return {
    experiment: JSON.parse(experiment.toString('utf8')) as OfflineExperimentMetadata,
    messages: messages
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as OfflineMessage),
    files: entries,
  };
}
