import { TaskInputError, type TypeDescriptor } from '@tasklens/core';
import { defineBlobType } from '@tasklens/core/plugin';
import { DatasetProfileView } from '../profile/dataset-profile-view';
import { profileSummaryHtml } from '../reports/profile-summary-report';

/**
 * The task input/output type for whylogs profiles, as flytekit's `WhylogsDatasetProfileTransformer`:
 * a SINGLE blob of format `binary` holding the `.bin` profile, uploaded to
 * `<raw output prefix>/<32 hex>/<32 hex>` and read back with `DatasetProfileView.read`. Input/Output
 * decks show the profile summary report.
 */
export function datasetProfileViewType(): TypeDescriptor<DatasetProfileView> {
  return defineBlobType<DatasetProfileView>({
    kind: 'whylogs.dataset-profile-view',
    typeName: 'DatasetProfileView',
    format: 'binary',
    validate(value, path) {
      if (!(value instanceof DatasetProfileView)) {
        throw new TaskInputError({ path, message: `${path} must be a whylogs DatasetProfileView` });
      }
      return value;
    },
    write: (value, localPath) => value.write(localPath),
    read: (localPath) => DatasetProfileView.read(localPath),
    toHtml: (value) => profileSummaryHtml(value),
  });
}
