export * from './constraints';
export {
  ChiSquareDrift,
  type ChiSquareOptions,
  type ColumnDriftAlgorithm,
  calculateDriftScores,
  type DriftCategory,
  type DriftOptions,
  type DriftScore,
  type DriftThresholds,
  driftCategory,
  HellingerDrift,
  type HellingerOptions,
  KsDrift,
  type KsOptions,
} from './drift';
export { ComponentTypeId, type MetricComponent } from './metrics/metric-component';
export type { ArrowTableLike } from './preprocess/arrow-table-like';
export type { ColumnType, DatasetSchema } from './preprocess/dataset-schema';
export type { ProfileInput } from './preprocess/split-columns';
export { ColumnProfileView } from './profile/column-profile-view';
export { DatasetProfile, type LogOptions, log } from './profile/dataset-profile';
export { DatasetProfileView, type DatasetProfileViewInit } from './profile/dataset-profile-view';
export type { ProfileOptions } from './profile/profile-options';
export { profileSummaryHtml, WhylogsConstraintsRenderer, WhylogsSummaryDriftRenderer } from './reports';
export { type ColumnSnapshot, type ProfileSnapshot, type ProfileSource, profileSnapshot } from './snapshot';
export { chiSquareSurvival, kolmogorovSmirnovSurvival } from './stats';
export type { ColumnSummary, FrequentItem, SummaryValue } from './summary/column-summary';
export type { PandasLikeRow } from './summary/to-pandas-like-rows';
export { datasetProfileViewType } from './transformer';
export { VERSION } from './version';
