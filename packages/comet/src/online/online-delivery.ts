import type { CometEvent } from '../experiment/comet-event';
import type { CometApi } from './comet-api';

/** An event with its position in the experiment's log, so retried batches never resend a delivered part. */
export interface SequencedEvent {
  readonly sequence: number;
  readonly event: CometEvent;
}

// Large batches keep the request count (and so the exposure to failures) low at high logging rates.
const maximumBatchValues = 5000;

/**
 * Delivers a batch of events in order: consecutive metrics go in one clientlib metric batch,
 * consecutive parameters in one parameter batch, consecutive output lines in one output call, and
 * everything else one REST call each. After every successful call the delivered position moves
 * on, so when the transport retries a batch after a failure only the undelivered rest is sent.
 */
export class OnlineDelivery {
  private deliveredThrough = 0;
  private outputOffset = 0;
  private readonly api: CometApi;
  private readonly experimentKey: string;

  constructor(api: CometApi, experimentKey: string) {
    this.api = api;
    this.experimentKey = experimentKey;
  }

  async deliver(batch: readonly SequencedEvent[]): Promise<void> {
    const pending = batch.filter((item) => item.sequence > this.deliveredThrough);
    let index = 0;
    while (index < pending.length) {
      const kind = pending[index]!.event.kind;
      let end = index + 1;
      if (kind === 'metric' || kind === 'parameter' || kind === 'output') {
        while (end < pending.length && pending[end]!.event.kind === kind && end - index < maximumBatchValues)
          end++;
      }
      const group = pending.slice(index, end);
      await this.send(group.map((item) => item.event));
      this.deliveredThrough = group.at(-1)!.sequence;
      index = end;
    }
  }

  private async send(events: readonly CometEvent[]): Promise<void> {
    const experimentKey = this.experimentKey;
    const first = events[0]!;
    switch (first.kind) {
      case 'metric':
        await this.api.clientlib('batch/logger/experiment/metric', {
          experimentKey,
          values: events.map((event) => {
            const metric = event as Extract<CometEvent, { kind: 'metric' }>;
            return {
              metricName: metric.name,
              metricValue: metric.value,
              step: metric.step,
              epoch: metric.epoch,
              context: metric.context,
              timestamp: metric.timestamp,
            };
          }),
        });
        return;
      case 'parameter':
        await this.api.clientlib('batch/logger/experiment/parameter', {
          experimentKey,
          values: events.map((event) => {
            const parameter = event as Extract<CometEvent, { kind: 'parameter' }>;
            return {
              parameterName: parameter.name,
              parameterValue: parameter.value,
              step: parameter.step,
              source: 'manual',
              context: parameter.context,
              timestamp: parameter.timestamp,
            };
          }),
        });
        return;
      case 'output': {
        const outputLines = events.map((event) => {
          const line = event as Extract<CometEvent, { kind: 'output' }>;
          return {
            stderr: line.stderr,
            output: line.output,
            localTimestamp: line.timestamp,
            offset: this.outputOffset++,
          };
        });
        await this.api.rest('write/experiment/output', { experimentKey, outputLines, runContext: null });
        return;
      }
      case 'other':
        await this.api.rest('write/experiment/log-other', {
          experimentKey,
          key: first.key,
          value: first.value,
        });
        return;
      case 'tags':
        await this.api.rest('write/experiment/tags', { experimentKey, addedTags: first.tags });
        return;
      case 'html':
        await this.api.rest('write/experiment/html', {
          experimentKey,
          html: first.html,
          override: first.override,
          timestamp: first.timestamp,
        });
        return;
      case 'asset': {
        const query: Record<string, string> = {
          experimentKey,
          fileName: first.fileName,
          type: first.assetType,
          overwrite: String(first.overwrite),
        };
        const extension = /\.([^.]+)$/.exec(first.fileName)?.[1];
        if (extension !== undefined) query.extension = extension;
        if (first.step !== null) query.step = String(first.step);
        if (first.epoch !== null) query.epoch = String(first.epoch);
        if (first.context !== null) query.context = first.context;
        await this.api.uploadAsset(query, first.fileName, first.bytes, first.metadata);
        return;
      }
    }
  }
}
