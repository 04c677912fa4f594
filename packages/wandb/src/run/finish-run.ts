import type { Logger, TrackingTransport } from '@tasklens/core/plugin';
import type { WandbEvent } from '../events/wandb-event';
import type { EncodedItem } from '../json/encoded-item';
import type { RunJournal } from '../offline/run-journal';
import { encodeSummaryRecord } from '../offline/wandb-records';
import type { WandbMode } from '../settings/resolve-settings';
import type { RunRecorder } from './run-recorder';
import type { WandbRunResult } from './wandb-run-result';

/**
 * The summary as the SDK ends a run: `_wandb.runtime` (whole seconds) added and streamed, the
 * summary `_runtime` floored, and one complete summary record, since `wandb sync` does not derive
 * the summary from history.
 */
export function recordFinalSummary(
  recorder: RunRecorder,
  latestSummary: Map<string, string>,
  runtimeSeconds: number,
): void {
  const wandbItems: EncodedItem[] = [['_wandb', `{"runtime":${Math.floor(runtimeSeconds)}}`]];
  latestSummary.set('_wandb', wandbItems[0]![1]);
  recorder.enqueue({
    kind: 'summary',
    values: { _wandb: { runtime: Math.floor(runtimeSeconds) } },
    encoded: wandbItems,
  });
  // The SDK's summary keeps `_runtime` in whole seconds (history rows keep the float); set here,
  // not per row, to keep logging cheap.
  const lastRuntime = latestSummary.get('_runtime');
  if (lastRuntime !== undefined) latestSummary.set('_runtime', String(Math.floor(Number(lastRuntime))));
  recorder.append(() => encodeSummaryRecord([...latestSummary]));
}

/** What delivering the rest of a run needs. */
export interface DeliverRunOptions {
  readonly exitCode: number;
  readonly mode: WandbMode;
  readonly journal: RunJournal | undefined;
  readonly transport: TrackingTransport<WandbEvent> | undefined;
  readonly logger: Logger;
}

/**
 * Waits for the transport to deliver (or spill) everything, closes the journal and says how the
 * run ended; a run that could not be delivered gets its directory renamed for `wandb sync`.
 */
export async function deliverRun(options: DeliverRunOptions): Promise<WandbRunResult> {
  const { exitCode, mode, journal, logger } = options;
  const transport = await options.transport?.finish();
  journal?.close();
  let outcome: WandbRunResult['outcome'] =
    mode === 'disabled' ? 'disabled' : mode === 'offline' ? 'offline' : 'delivered';
  if (transport !== undefined && transport.outcome !== 'delivered') {
    outcome = transport.outcome;
    journal?.markOffline();
    logger.warn(
      `the run could not be fully delivered online; it was saved offline. Upload it later with: wandb sync ${journal?.directory}`,
    );
  } else if (mode === 'offline' && journal !== undefined) {
    logger.info(`offline run saved; upload it with: wandb sync ${journal.directory}`);
  }
  const lostRecords = journal?.lostRecords ?? 0;
  // Online, the journal is only a copy of what was delivered; it matters when it is all there is.
  if (lostRecords > 0 && outcome !== 'delivered') outcome = 'lost';
  return { exitCode, outcome, directory: journal?.directory, transport, lostRecords };
}
