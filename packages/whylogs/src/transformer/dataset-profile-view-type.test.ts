import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { task, types, workflow } from '@tasklens/core';
import { FileAccess, fromLiteral, literalTypeOf, toLiteral } from '@tasklens/core/plugin';
import { describe, expect, it } from 'vitest';
import { log } from '../profile/dataset-profile';
import { DatasetProfileView } from '../profile/dataset-profile-view';
import { datasetProfileViewType } from './dataset-profile-view-type';

const profileType = datasetProfileViewType();

describe('DatasetProfileView type (flytekit whylogs plugin tests, spec §6.3 / §8.10)', () => {
  it('test_task_returns_whylogs_profile_view: a task logging {a: [1,2,3,4]} returns a profile view', async () => {
    const makeProfile = task({ name: 'whylogs.make_profile', outputs: profileType }, () =>
      log([{ a: 1 }, { a: 2 }, { a: 3 }, { a: 4 }]).view(),
    );
    const view = await makeProfile();
    expect(view).toBeInstanceOf(DatasetProfileView);
  });

  it('test_profile_view_gets_passed_on_tasks: a workflow passes the view on, the next task reads its timestamp', async () => {
    const makeProfile = task({ name: 'whylogs.make', outputs: profileType }, () =>
      log([{ a: 1 }, { a: 2 }]).view(),
    );
    const timestampOf = task(
      { name: 'whylogs.timestamp', inputs: { profile: profileType }, outputs: types.float() },
      ({ profile }: { profile: DatasetProfileView }) => profile.datasetTimestamp,
    );
    const pipeline = workflow('whylogs.wf', async () => timestampOf({ profile: await makeProfile() }));
    const timestamp = await pipeline();
    expect(typeof timestamp).toBe('number');
    expect(new Date(timestamp).getTime()).not.toBeNaN();
  });

  it('test_to_html_method: toHtml gives the profile summary report containing "Profile Visualizer"', () => {
    const html = profileType.toHtml!(log([{ a: 1 }, { a: 2 }]).view());
    expect(html.startsWith('<div></div><iframe srcdoc="')).toBe(true);
    expect(html).toContain('Profile Visualizer');
    expect(html).toContain('height=1000px');
  });

  it('is a SINGLE blob of format "binary", stored at <raw prefix>/<32 hex>/<32 hex> as a WHY1 file', async () => {
    expect(literalTypeOf(profileType).type).toMatchObject({
      case: 'blob',
      value: { format: 'binary', dimensionality: 0 },
    });
    const directory = mkdtempSync(join(tmpdir(), 'tasklens-whylogs-'));
    const fileAccess = new FileAccess({
      rawOutputPrefix: `file://${directory}/raw`,
      localDirectory: join(directory, 'local'),
    });
    const view = log([{ a: 1.5 }, { a: 2.5 }, { a: null }]).view();
    const literal = await toLiteral(view, profileType, { fileAccess, path: 'outputs.o0' });
    const uri = JSON.stringify(literal).match(/"uri":"([^"]+)"/)![1]!;
    expect(uri).toMatch(new RegExp(`^(file://)?${directory}/raw/[0-9a-f]{32}/[0-9a-f]{32}$`));
    expect(
      readFileSync(uri.replace(/^file:\/\//, ''))
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('WHY1');
    const back = await fromLiteral(literal, profileType, { fileAccess, path: 'inputs.profile' });
    expect(back.toSummary()).toEqual(view.toSummary());
  });

  it('rejects a value that is not a profile with a typed error naming the field', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tasklens-whylogs-'));
    const fileAccess = new FileAccess({ rawOutputPrefix: `file://${directory}`, localDirectory: directory });
    await expect(
      toLiteral({} as DatasetProfileView, profileType, { fileAccess, path: 'outputs.o0' }),
    ).rejects.toThrow(/outputs.o0 must be a whylogs DatasetProfileView/);
  });
});
