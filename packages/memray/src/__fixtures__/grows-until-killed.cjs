// A profiled task that never ends by itself: it grows its heap by ~8 MB a step and either holds it
// (argv 'hold': prints "held" at ~64 MB and waits to be killed) or grows until V8 runs out of heap.
// Run by Node itself with the built package, as a user's process would be.

'use strict';
const { memrayProfiling } = require('@tasklens/memray');

const [directory, mode] = process.argv.slice(2);
const held = [];

function growsUntilKilled() {
  for (let index = 0; index < 1000; index++) held.push(new Array(1000).fill(index + 0.5));
}

const pause = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

memrayProfiling({ captureDirectory: directory, checkpointIntervalMs: 200 })(async function grows() {
  for (;;) {
    growsUntilKilled();
    if (mode === 'hold' && held.length >= 8000) {
      process.stdout.write(`held ${Date.now()}\n`);
      await new Promise(() => setInterval(() => undefined, 1000));
    }
    // Growing toward the kill, a step every 100 ms: the capture is checkpointed every 200 ms, so
    // the last checkpoint before the out-of-memory abort is at most ~2 steps (16 MB) behind, even
    // when the sidecar is starved by other processes (at 20 ms a step it could be 80 MB behind).
    await pause(mode === 'grow' ? 100 : 20);
  }
})();
