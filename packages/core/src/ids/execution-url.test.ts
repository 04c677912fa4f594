import { describe, expect, it } from 'vitest';
import { executionUrl } from './execution-url';

describe('executionUrl', () => {
  it('strips every trailing slash of the console URL, as propeller', () => {
    expect(
      executionUrl('scheme://host/path////', {
        project: 'proj',
        domain: 'domain',
        executionName: 'name',
        uniqueNodeId: 'unique-node-id',
      }),
    ).toBe('scheme://host/path/projects/proj/domains/domain/executions/name/nodeId/unique-node-id/nodes');
  });
});
