#!/usr/bin/env node
// Runs every package's benchmarks (packages/*/bench/*.mjs) one after another, so they do not
// compete for the machine's cores, then prints ONE table of every side-by-side ratio and writes it
// to benchmarks/latest.md and benchmarks/latest.json with the machine, its load and the versions.
// Pass package names to run only those (`npm run bench -- wandb`); rows of the packages not run
// are kept from the previous benchmarks/latest.json, marked with the time they were measured.
// Only files directly in bench/ run; helpers that benches import or spawn live in bench/support/.
// Hand-written caveats live in benchmarks/caveats/<package>.md (rewriting latest.md would lose
// them otherwise); they are appended under "Caveats" for every package that has rows.
// `node scripts/bench.mjs --render` re-renders latest.md from latest.json without running anything
// (after editing a caveat file).
//
// ── Contract for bench scripts (how a bench adds rows to the table) ────────────────────────────
// The runner sets TASKLENS_BENCH_RESULTS to a file path for each script. A script that has
// side-by-side figures writes that file once, at the end, as JSON:
//
//   {
//     "rows": [
//       {
//         "case": "mixed workload, default interval",   // what was measured (unique per script)
//         "ours": 1.031,                                 // our figure (a number)
//         "peer": 1.452,                                 // the Python peer's figure, or null if none
//         "unit": "x slowdown",                          // unit of ours/peer: "ms", "MB/s", "x slowdown"…
//         "better": "lower",                             // "lower" or "higher": which way ours should go
//         "target": { "of": "ours", "atMost": 1.05 }     // optional: "of" is "ours" or "ratio";
//       }                                                //   with "atMost" and/or "atLeast"
//     ],
//     "versions": { "python memray": "1.20.0" },        // optional: peer and tool versions
//     "notes": ["7 alternating rounds"]                  // optional: how it was measured
//   }
//
// The runner computes `ratio` = how many times better ours is than the peer (peer/ours when lower
// is better, ours/peer when higher is better) and `met` from the target. Scripts that do not write
// the file still run; they just add no rows. Run alone (without TASKLENS_BENCH_RESULTS), a script
// just prints its own table. packages/memray/bench/overhead.mjs is a worked example.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outputDirectory = join(root, 'benchmarks');
const caveatsDirectory = join(outputDirectory, 'caveats');
const renderOnly = process.argv.includes('--render');
const only = new Set(process.argv.slice(2).filter((argument) => argument !== '--render'));

/** ratio: how many times better ours is than the peer (> 1 = we win). */
function ratioOf(row) {
  if (typeof row.peer !== 'number' || typeof row.ours !== 'number' || row.ours === 0 || row.peer === 0)
    return null;
  return row.better === 'higher' ? row.ours / row.peer : row.peer / row.ours;
}

/** Whether a row meets its target; null when it has none (or the figure it names is missing). */
function targetMet(row) {
  const target = row.target;
  if (target === undefined || target === null) return null;
  const value = target.of === 'ratio' ? row.ratio : row.ours;
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  if (typeof target.atMost === 'number' && value > target.atMost) return false;
  if (typeof target.atLeast === 'number' && value < target.atLeast) return false;
  return true;
}

function targetText(target) {
  if (target === undefined || target === null) return '';
  const parts = [];
  if (typeof target.atLeast === 'number') parts.push(`≥ ${target.atLeast}`);
  if (typeof target.atMost === 'number') parts.push(`≤ ${target.atMost}`);
  return `${target.of} ${parts.join(' and ')}`;
}

const format = (value) =>
  typeof value !== 'number'
    ? '–'
    : Math.abs(value) >= 100
      ? value.toFixed(0)
      : Number(value.toPrecision(3)).toString();

function readResults(path, source) {
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8'));
    if (!Array.isArray(parsed.rows)) throw new Error('"rows" is not an array');
    return parsed;
  } catch (error) {
    console.error(`${source}: could not read its results (${error.message}); no rows from it`);
    return null;
  }
}

/** Runs the benches and returns the summary written to latest.json. */
function runBenches() {
  const scratch = mkdtempSync(join(tmpdir(), 'tasklens-bench-'));
  const loadBefore = loadavg();
  const measuredAt = new Date().toISOString();
  const rows = [];
  const versions = { node: process.versions.node, v8: process.versions.v8 };
  const notes = [];
  let failures = 0;
  for (const name of readdirSync(join(root, 'packages')).sort()) {
    const directory = join(root, 'packages', name, 'bench');
    if ((only.size > 0 && !only.has(name)) || !existsSync(directory)) continue;
    const manifest = join(root, 'packages', name, 'package.json');
    if (existsSync(manifest)) {
      const { name: packageName, version } = JSON.parse(readFileSync(manifest, 'utf8'));
      versions[packageName] = version;
    }
    for (const script of readdirSync(directory)
      .filter((file) => file.endsWith('.mjs'))
      .sort()) {
      const source = `${name}/bench/${script}`;
      console.log(`\n=== ${source} ===`);
      const resultsPath = join(scratch, `${name}-${script}.json`);
      const result = spawnSync(process.execPath, [join(directory, script)], {
        stdio: 'inherit',
        cwd: join(root, 'packages', name),
        env: { ...process.env, TASKLENS_BENCH_RESULTS: resultsPath },
      });
      if (result.status !== 0) failures++;
      const results = readResults(resultsPath, source);
      if (results === null) continue;
      for (const row of results.rows) {
        const full = { package: name, script, ...row, measuredAt };
        full.ratio = ratioOf(full);
        full.met = targetMet(full);
        rows.push(full);
      }
      Object.assign(versions, results.versions ?? {});
      for (const note of results.notes ?? []) notes.push(`${source}: ${note}`);
    }
  }

  // Keep the rows (and notes) of packages that were not run this time.
  const previousPath = join(outputDirectory, 'latest.json');
  if (only.size > 0 && existsSync(previousPath)) {
    const previous = JSON.parse(readFileSync(previousPath, 'utf8'));
    rows.push(...previous.rows.filter((row) => !only.has(row.package)));
    notes.push(...(previous.notes ?? []).filter((note) => !only.has(note.split('/')[0])));
    for (const [key, value] of Object.entries(previous.versions ?? {})) versions[key] ??= value;
  }
  rows.sort((left, right) => left.package.localeCompare(right.package));

  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    os: `${platform()} ${release()}`,
  };
  const load = {
    before: loadBefore.map((value) => Number(value.toFixed(2))),
    after: loadavg().map((value) => Number(value.toFixed(2))),
  };
  for (const name of only) {
    if (existsSync(join(caveatsDirectory, `${name}.md`)))
      console.log(
        `benchmarks/caveats/${name}.md describes an earlier run of ${name}: review it, then --render`,
      );
  }
  return { summary: { measuredAt, machine, load, versions, rows, notes }, failures };
}

/** The hand-written caveats of the packages that have rows, under one "Caveats" heading. */
function caveatLines(rows) {
  if (!existsSync(caveatsDirectory)) return [];
  const packages = new Set(rows.map((row) => row.package));
  const texts = readdirSync(caveatsDirectory)
    .filter((file) => file.endsWith('.md') && packages.has(file.slice(0, -'.md'.length)))
    .sort()
    .map((file) => readFileSync(join(caveatsDirectory, file), 'utf8').trim());
  return texts.length === 0
    ? []
    : [
        '## Caveats',
        '',
        '(Written by hand in benchmarks/caveats/<package>.md.)',
        '',
        ...texts.flatMap((text) => [text, '']),
      ];
}

/** Renders the summary as latest.md (the table, notes and caveats). */
function render(summary) {
  const { measuredAt, machine, load, versions, rows, notes } = summary;
  const header = ['package', 'case', 'ours', 'peer', 'unit', 'ratio', 'target', 'met?'];
  const table = rows.map((row) => [
    row.package,
    row.case,
    format(row.ours),
    format(row.peer),
    row.unit ?? '',
    row.ratio === null ? '–' : `${format(row.ratio)}x`,
    targetText(row.target),
    row.met === null ? '' : row.met ? 'yes' : 'NO',
  ]);
  const escapeCell = (cell) => String(cell).replaceAll('|', '\\|');
  const markdown = [
    '# Benchmarks: ours side by side with the Python peers',
    '',
    `Written by \`npm run bench\` (scripts/bench.mjs) at ${measuredAt}. Ratio = how many times better`,
    'ours is than the peer (> 1: we win). Rows of packages not run in the latest invocation keep their',
    'own measurement time (see latest.json).',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}.`,
    `Load average (1/5/15 min): ${load.before.join(' / ')} before, ${load.after.join(' / ')} after.`,
    `Versions: ${Object.entries(versions)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ')}.`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...table.map((cells) => `| ${cells.map(escapeCell).join(' | ')} |`),
    '',
    ...(notes.length > 0 ? ['Notes:', '', ...notes.map((note) => `- ${note}`), ''] : []),
    ...caveatLines(rows),
  ].join('\n');
  return {
    markdown,
    table: table.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index]]))),
  };
}

let failures = 0;
let summary;
if (renderOnly) {
  summary = JSON.parse(readFileSync(join(outputDirectory, 'latest.json'), 'utf8'));
} else {
  ({ summary, failures } = runBenches());
  mkdirSync(outputDirectory, { recursive: true });
  writeFileSync(join(outputDirectory, 'latest.json'), `${JSON.stringify(summary, null, 2)}\n`);
}
const { markdown, table } = render(summary);
writeFileSync(join(outputDirectory, 'latest.md'), markdown);
console.log('\n=== every side-by-side ratio (benchmarks/latest.md) ===');
console.table(table);
process.exit(failures === 0 ? 0 : 1);
