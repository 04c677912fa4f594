export type {
  CardinalityMetric,
  ColumnSnapshot,
  CountsMetric,
  DistributionMetric,
  FrequentItem,
  FrequentItemsMetric,
  IntsMetric,
  ProfileSnapshot,
  QuantileSketch,
  TypesMetric,
} from './profile-snapshot';
export { type ProfileSource, profileSnapshot } from './profile-source';
