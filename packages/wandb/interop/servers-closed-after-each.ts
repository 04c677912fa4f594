import { afterEach } from 'vitest';
import { WandbTestServer } from '../src/testing/index';

/**
 * Call once at the top of a test file: returns a function that starts a W&B test server
 * accepting `apiKey`, and closes every server it started after each test.
 */
export function serversClosedAfterEach(apiKey: string): () => Promise<WandbTestServer> {
  const servers: WandbTestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async () => {
    const server = await WandbTestServer.start({ apiKey });
    servers.push(server);
    return server;
  };
}
