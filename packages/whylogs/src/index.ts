export type { ProfileInput } from './input/split-columns';
export { ComponentTypeId, type MetricComponent } from './metrics/metric-component';
export { ColumnProfileView } from './profile/column-profile-view';
export { DatasetProfile, type LogOptions, log } from './profile/dataset-profile';
export { DatasetProfileView, type DatasetProfileViewInit } from './profile/dataset-profile-view';
export type { ProfileOptions } from './profile/profile-options';
export type { ColumnSummary, FrequentItem, SummaryValue } from './summary/column-summary';
export type { PandasLikeRow } from './summary/to-pandas-like-rows';
export { VERSION } from './version';
