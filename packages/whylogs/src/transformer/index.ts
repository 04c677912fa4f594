export { datasetProfileViewType } from './dataset-profile-view-type';
