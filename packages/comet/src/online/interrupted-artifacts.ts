import { retryRequest, type TrackingTransportOptions } from '@tasklens/core/plugin';
import type { CometEvent } from '../experiment/comet-event';
import type { CometApi } from './comet-api';
import type { ArtifactProgress } from './deliver-artifact';
import type { OnlineDelivery, SequencedEvent } from './online-delivery';

type ArtifactEvent = Extract<CometEvent, { kind: 'artifact' }>;

interface Interrupted {
  readonly event: ArtifactEvent;
  readonly progress: ArtifactProgress;
  /** Every file reached the version; only its CLOSED state is missing. */
  readonly uploaded: boolean;
}

/**
 * Artifact versions Comet created before the transport gave up on them (an outage in the middle
 * of `logArtifact`). Each file must arrive exactly once and Comet must never show a half version
 * as usable, so:
 * - a version that got every file and only missed CLOSED is not archived (its files are on Comet);
 *   `settle()` closes it, or says it stays OPEN if Comet is still gone;
 * - a version that got only part of its files is archived whole (the files become assets
 *   `<artifact>/<path>`, as offline) and `settle()` marks it ERROR, as the SDK does when an artifact
 *   upload fails, or says it stays OPEN if Comet is still gone.
 */
export class InterruptedArtifacts {
  private readonly pending: Interrupted[] = [];

  /** The spilled events the archive must hold: all but artifacts whose files all reached Comet. */
  toArchive(events: readonly SequencedEvent[], delivery: OnlineDelivery): CometEvent[] {
    const archived: CometEvent[] = [];
    for (const { sequence, event } of events) {
      const progress = event.kind === 'artifact' ? delivery.interruptedArtifact(sequence) : undefined;
      if (event.kind === 'artifact' && progress !== undefined) {
        const uploaded = progress.uploaded === event.files.length;
        this.pending.push({ event, progress, uploaded });
        if (uploaded) continue;
      }
      archived.push(event);
    }
    return archived;
  }

  /** At the end of a spilled run: CLOSED for the complete versions, ERROR for the partial ones. */
  async settle(context: {
    api: CometApi;
    experimentKey: string;
    retry: TrackingTransportOptions<SequencedEvent>['retry'];
    warn: (message: string) => void;
  }): Promise<void> {
    for (const { event, progress, uploaded } of this.pending.splice(0)) {
      const versionId = progress.artifactVersionId!;
      const state = uploaded ? 'CLOSED' : 'ERROR';
      let changed = true;
      try {
        // One attempt: the transport already waited out its deadline for this server.
        await retryRequest(
          () =>
            context.api.rest('write/artifacts/state', {
              artifactVersionId: versionId,
              experimentKey: context.experimentKey,
              state,
            }),
          { deadlineMs: 0, retry: context.retry },
        );
      } catch {
        changed = false;
      }
      const named = `artifact ${event.name} version ${progress.version ?? '?'} (${versionId})`;
      if (uploaded) {
        event.settle({
          archived: false,
          ...(progress.artifactId === undefined ? {} : { artifactId: progress.artifactId }),
          artifactVersionId: versionId,
          ...(progress.version === undefined ? {} : { version: progress.version }),
        });
        if (!changed)
          context.warn(
            `${named} has every file on Comet but stays OPEN: Comet did not answer when it was to be closed (write/artifacts/state CLOSED)`,
          );
      } else {
        context.warn(
          changed
            ? `${named} was interrupted by the outage and is marked ERROR on Comet; its files are in the archive as assets ${event.name}/…`
            : `${named} was interrupted by the outage and stays OPEN on Comet (Comet did not answer); its files are in the archive as assets ${event.name}/…`,
        );
      }
    }
  }
}
