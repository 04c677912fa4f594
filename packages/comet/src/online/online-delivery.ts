import { randomUUID } from 'node:crypto';
import type { CometEvent } from '../experiment/comet-event';
import type { CometApi, Handshake } from './comet-api';
import { type ArtifactProgress, deliverArtifact } from './deliver-artifact';

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
  private readonly handshake: () => Pick<Handshake, 'runId' | 'projectId'>;
  /** How far the artifact being delivered got, so a retry neither creates a second version nor re-uploads a file. */
  private artifactProgress: ArtifactProgress | undefined;

  /** `handshake` gives the experiment's run and project ids; called only once the handshake answered. */
  constructor(api: CometApi, experimentKey: string, handshake: () => Pick<Handshake, 'runId' | 'projectId'>) {
    this.api = api;
    this.experimentKey = experimentKey;
    this.handshake = handshake;
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
      await this.send(
        group.map((item) => item.event),
        group[0]!.sequence,
      );
      this.deliveredThrough = group.at(-1)!.sequence;
      index = end;
    }
  }

  /**
   * The version Comet created for the artifact event at `sequence` if its delivery stopped half
   * way (created, not CLOSED): the transport gave up and is spilling that event to the archive.
   */
  interruptedArtifact(sequence: number): ArtifactProgress | undefined {
    const progress = this.artifactProgress;
    if (progress?.sequence !== sequence || progress.artifactVersionId === undefined) return undefined;
    return progress;
  }

  private async send(events: readonly CometEvent[], sequence: number): Promise<void> {
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
        await this.api.addTags(experimentKey, first.tags);
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
        const query = this.assetQuery(first.fileName);
        if (first.step !== null) query.step = String(first.step);
        if (first.epoch !== null) query.epoch = String(first.epoch);
        if (first.context !== null) query.context = first.context;
        query.overwrite = first.overwrite ? 'True' : 'False';
        await this.api.uploadAsset(query, first.fileName, first.bytes, first.metadata);
        return;
      }
      case 'artifact': {
        if (this.artifactProgress?.sequence !== sequence)
          this.artifactProgress = {
            sequence,
            artifactId: undefined,
            artifactVersionId: undefined,
            version: undefined,
            uploaded: 0,
          };
        await deliverArtifact(this.api, experimentKey, first, this.artifactProgress, (fileName) =>
          this.assetQuery(fileName),
        );
        this.artifactProgress = undefined;
        return;
      }
    }
  }

  /** The query of the SDK's `asset/upload`: experiment, run and project ids, a fresh asset id, the name. */
  private assetQuery(fileName: string): Record<string, string> {
    const { runId, projectId } = this.handshake();
    const query: Record<string, string> = {
      experimentId: this.experimentKey,
      runId,
      assetId: randomUUID().replaceAll('-', ''),
      fileName,
      overwrite: 'False',
    };
    if (projectId !== null) query.projectId = projectId;
    const extension = /\.([^./]+)$/.exec(fileName)?.[1];
    if (extension !== undefined) query.extension = extension;
    return query;
  }
}
