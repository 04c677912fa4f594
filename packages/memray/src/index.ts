export { readCapture } from './capture/capture-files';
export type {
  CallFrame,
  GcEvent,
  MemoryRecord,
  MemrayCapture,
  PeakSnapshot,
  SamplingHeapProfile,
  SamplingHeapProfileNode,
  ThreadCapture,
} from './capture/capture-format';
export { type MemrayProfiling, memrayDeckName, memrayProfiling } from './memray-profiling';
export type { MemrayProfilingOptions } from './options/memray-profiling-options';
export {
  parseReporterArgs,
  type ReporterName,
  type ReportSettings,
  type ReportView,
  unrecognizedArgumentsMessage,
} from './options/reporter-settings';
export { type RenderReportOptions, renderReport, reportDocument } from './report/render-report';
