// Runs the W&B test server in its own process for the benchmark, so serving requests does not
// compete with the client under test for the same event loop. Answers IPC questions about runs.
import { WandbTestServer } from '../../dist/testing/index.js';

const server = await WandbTestServer.start({ lifetimeMs: 3_600_000 });
process.send({ url: server.url });
process.on('message', async (message) => {
  if (message.type === 'rows') {
    process.send({ rows: server.run(message.runId)?.files.get('wandb-history.jsonl')?.length ?? 0 });
  } else if (message.type === 'close') {
    await server.close();
    process.exit(0);
  }
});
