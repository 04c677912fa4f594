export {
  type ExitFlushHandler,
  type ExitReason,
  flushAllOnExit,
  registerExitFlush,
} from './exit-flush-registry';
export { type HttpRequest, type HttpResponse, sendHttpRequest } from './http-request';
export { defaultRetryPolicy, parseRetryAfter, type RetryPolicy, retryDelay } from './retry-policy';
export { type RetryRequestOptions, retryRequest } from './retry-request';
export {
  logMetrics,
  logParams,
  registerTrackerRun,
  type TrackingMetadata,
  trackers,
  trackingMetadata,
} from './tracker-registry';
export type { TrackerRun } from './tracker-run';
export { TrackingDeck } from './tracking-deck';
export type { TrackingEvent, TrackingEventKind } from './tracking-event';
export type { TrackingStatus } from './tracking-status';
export { TrackingTransport, type TrackingTransportOptions } from './tracking-transport';
export { type WaitingNoticeOptions, withWaitingNotice } from './with-waiting-notice';
