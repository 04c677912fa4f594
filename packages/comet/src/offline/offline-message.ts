import type { CometEvent } from '../experiment/comet-event';

/** One line of `messages.json`: `{"type": …, "payload": {…}}` as the Python SDK writes it. */
export interface OfflineMessage {
  type: string;
  payload: Record<string, unknown>;
}

/**
 * The offline message for an event, in the shapes the uploader's JSON schemas accept (checked by
 * `comet upload` in the interop tests). `messageId` numbers the lines like the SDK's `message_id`.
 * Tags are not messages: they go to `experiment.json`. Assets refer to `filePath` in the archive.
 */
export function offlineMessage(
  event: CometEvent,
  messageId: number,
  filePath?: string,
): OfflineMessage | undefined {
  switch (event.kind) {
    case 'metric':
      return {
        type: 'metric_msg',
        payload: {
          local_timestamp: event.timestamp,
          message_id: messageId,
          ...(event.context === null ? {} : { context: event.context }),
          metric: { metricName: event.name, metricValue: event.value, step: event.step, epoch: event.epoch },
        },
      };
    case 'parameter': {
      const field = Array.isArray(event.value) ? 'params' : 'param';
      return {
        type: 'parameter_msg',
        payload: {
          local_timestamp: event.timestamp,
          message_id: messageId,
          ...(event.context === null ? {} : { context: event.context }),
          [field]: { paramName: event.name, paramValue: event.value, step: event.step, source: 'manual' },
        },
      };
    }
    case 'other':
      return { type: 'log_other', payload: { key: event.key, message_id: messageId, value: event.value } };
    case 'html':
      return event.override
        ? { type: 'htmlOverride', payload: { htmlOverride: event.html, message_id: messageId } }
        : { type: 'html', payload: { html: event.html, message_id: messageId } };
    case 'output':
      return {
        type: 'standard_output',
        payload: {
          local_timestamp: event.timestamp,
          message_id: messageId,
          output: event.output,
          stderr: event.stderr,
        },
      };
    case 'asset':
      return {
        type: 'file_upload',
        payload: {
          additional_params: {
            context: event.context,
            epoch: event.epoch,
            fileName: event.fileName,
            overwrite: event.overwrite,
            step: event.step,
          },
          clean: true,
          file_path: filePath,
          local_timestamp: event.timestamp,
          message_id: messageId,
          metadata: event.metadata ?? {},
          upload_type: event.assetType,
        },
      };
    case 'tags':
    case 'artifact':
      return undefined;
  }
}

/**
 * An artifact's files as experiment assets (`<artifact name>/<logical path>`, the artifact named in
 * each file's metadata), for an archive: Comet's offline format cannot hold an artifact version.
 */
export function artifactAssets(artifact: Extract<CometEvent, { kind: 'artifact' }>): CometEvent[] {
  return artifact.files.map((file) => ({
    kind: 'asset',
    fileName: `${artifact.name}/${file.logicalPath}`,
    bytes: file.bytes,
    assetType: 'asset',
    step: null,
    epoch: null,
    context: null,
    overwrite: false,
    metadata: {
      ...(file.metadata ?? {}),
      artifactName: artifact.name,
      artifactType: artifact.type,
      artifactLogicalPath: file.logicalPath,
    },
    timestamp: artifact.timestamp,
  }));
}
