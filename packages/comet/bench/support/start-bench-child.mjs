// One fresh process of start-bench.mjs's "ours" side, with nothing imported before the first
// timer (the Python child likewise imports only json/sys/time first). Prints three times, in ms:
// importStartMs (before `import` → start() resolved), startMs (start() only), firstLogMs (start()
// + the first logMetrics call). argv[2] = offline | online.
const beforeImport = performance.now();
const { start } = await import('../../dist/index.js');
const began = performance.now();
const experiment = await start({
  offline: process.argv[2] === 'offline',
  workspace: 'bench',
  projectName: 'bench',
});
const started = performance.now();
experiment.logMetrics({ loss: 1 }, { step: 0 });
const logged = performance.now();
const result = await experiment.end();
if (result.outcome !== (process.argv[2] === 'offline' ? 'offline' : 'delivered'))
  throw new Error(result.outcome);
process.stdout.write(
  `${JSON.stringify({ importStartMs: started - beforeImport, startMs: started - began, firstLogMs: logged - began })}\n`,
);
process.exit(0);
