import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runProcess } from './run-process';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** A function V8 ran inside the measured window. */
export interface MeasuredFunction {
  /** The function's name in the loaded file (a bundler may have added a digit), `(anonymous)` for arrows. */
  name: string;
  /** The loaded file, as given in `modules`. */
  module: string;
  /** Where the function is written, `packages/…/src/….ts:line`, when the module has a source map; else the module and offset. */
  location: string;
  /** The original source file relative to the repository (with a source map), else undefined. */
  source: string | undefined;
}

/** What V8 compiled and ran while the child's measured window was open. */
export interface CompilationWindow {
  /** Functions of `modules` compiled on their first call inside the window: V8 had left them lazy at import. */
  compiledLazily: MeasuredFunction[];
  /** Functions of `modules` run for the first time inside the window (however they were compiled). */
  firstRun: MeasuredFunction[];
}

/** The child to run under V8's function-event log. */
export interface CompilationWindowOptions {
  /** Where the child script and the log are written; also the child's HOME and working directory. */
  directory: string;
  /**
   * The child's ES module source. It imports what it needs, then calls `openMeasuredWindow()` right
   * before the code under test and `closeMeasuredWindow()` right after it (both are declared for it).
   */
  script: string;
  /**
   * Absolute paths of the loaded files whose functions are reported (a bundle, or a package's dist
   * files), or Node's own modules by their `node:` name (`node:internal/timers`).
   */
  modules: readonly string[];
  /** The child's whole environment besides HOME and PATH; default none. */
  env?: Record<string, string> | undefined;
}

// Plain named functions (declared before the caller's script) whose first run marks the window in
// the log: V8 logs events in the order they happen, so everything between the two first runs
// happened inside the window.
const markers = `function openMeasuredWindow() {}
function closeMeasuredWindow() {}
`;

/**
 * Runs `script` in a fresh `node` with V8's function-event log (`--log-function-events`) and returns
 * which functions of `modules` V8 compiled lazily, and which it ran first, between the script's
 * `openMeasuredWindow()` and `closeMeasuredWindow()` calls. A behavioural check of the compile
 * hints (parenthesized function expressions, compiled with their module at import): a function
 * that lost its parentheses shows up in `compiledLazily`. No timing is involved.
 */
export async function measureCompilationWindow(
  options: CompilationWindowOptions,
): Promise<CompilationWindow> {
  const script = join(options.directory, 'compilation-window-child.mjs');
  const log = join(options.directory, 'v8-function-events.log');
  writeFileSync(script, markers + options.script);
  const result = await runProcess(
    process.execPath,
    ['--log-function-events', `--logfile=${log}`, '--no-logfile-per-isolate', script],
    {
      cwd: options.directory,
      env: { ...options.env, HOME: options.directory, PATH: process.env.PATH ?? '' },
      replaceEnvironment: true,
      timeoutMs: 120_000,
    },
  );
  if (result.code !== 0) {
    throw new Error(`the child exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
  return readCompilationWindow(readFileSync(log, 'utf8'), options.modules);
}

/**
 * The functions of `window` written under `sources` (a test over repository-relative paths) that
 * were compiled on their first call and are not in `allowed` (entries `<source> <name>`; a digit a
 * bundler appended to the name is ignored), as `name (location)` for a failure message.
 */
export function unexpectedLazyCompiles(
  window: CompilationWindow,
  sources: RegExp,
  allowed: readonly string[],
): string[] {
  return window.compiledLazily
    .filter((compiled) => compiled.source !== undefined && sources.test(compiled.source))
    .filter((compiled) => !allowed.includes(`${compiled.source} ${compiled.name.replace(/\d+$/, '')}`))
    .map((compiled) => `${compiled.name} (${compiled.location})`);
}

/** One line of the log: `function,<event>,<script id>,<start>,<end>,<time ms>,<timestamp>,<name>`. */
interface FunctionEvent {
  event: string;
  scriptId: string;
  start: number;
  name: string;
}

function parseFunctionEvent(line: string): FunctionEvent {
  const fields = line.split(',');
  // The name is the last field and may itself hold commas.
  return {
    event: fields[1]!,
    scriptId: fields[2]!,
    start: Number(fields[3]),
    name: fields.slice(7).join(','),
  };
}

function readCompilationWindow(log: string, modules: readonly string[]): CompilationWindow {
  const urls = new Map(
    modules.map((module) => [module.startsWith('node:') ? module : pathToFileURL(module).href, module]),
  );
  const scripts = new Map<string, string>();
  let opened = false;
  let closed = false;
  const compiledLazily: FunctionEvent[] = [];
  const firstRun: FunctionEvent[] = [];
  for (const line of log.split('\n')) {
    if (line.startsWith('script-details,')) {
      const [, id, url] = line.split(',');
      const module = urls.get(url!);
      if (module !== undefined) scripts.set(id!, module);
      continue;
    }
    if (!line.startsWith('function,')) continue;
    const event = parseFunctionEvent(line);
    if (event.event === 'first-execution' && event.name === 'openMeasuredWindow') opened = true;
    if (event.event === 'first-execution' && event.name === 'closeMeasuredWindow') closed = true;
    if (!opened || closed || !scripts.has(event.scriptId)) continue;
    // `interpreter` is V8 generating a function's bytecode: inside the window, that is a function
    // compiled on its first call instead of with its module.
    if (event.event === 'interpreter') compiledLazily.push(event);
    if (event.event === 'first-execution') firstRun.push(event);
  }
  if (!opened || !closed) {
    throw new Error(
      'the child never called openMeasuredWindow() and closeMeasuredWindow(): nothing was measured',
    );
  }
  const locate = locator(scripts);
  return { compiledLazily: compiledLazily.map(locate), firstRun: firstRun.map(locate) };
}

/** Maps a logged function to its module and, through the module's source map, to where it is written. */
function locator(scripts: ReadonlyMap<string, string>): (event: FunctionEvent) => MeasuredFunction {
  const files = new Map<string, { lineStarts: number[]; sourceMap: SourceMap | undefined }>();
  const file = (module: string) => {
    let loaded = files.get(module);
    if (loaded === undefined) {
      const text = readFileSync(module, 'utf8');
      const lineStarts = [0];
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
        lineStarts.push(index + 1);
      }
      const mapFile = `${module}.map`;
      const sourceMap = existsSync(mapFile)
        ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')))
        : undefined;
      loaded = { lineStarts, sourceMap };
      files.set(module, loaded);
    }
    return loaded;
  };
  return (event) => {
    const module = scripts.get(event.scriptId)!;
    const name = event.name === '' ? '(anonymous)' : event.name;
    // Node's own modules have no file here: the module name is their source.
    if (module.startsWith('node:'))
      return { name, module, location: `${module}@${event.start}`, source: module };
    const { lineStarts, sourceMap } = file(module);
    // The logged start is a character offset into the module's text.
    let line = lineStarts.length - 1;
    while (lineStarts[line]! > event.start) line--;
    const entry = sourceMap?.findEntry(line, event.start - lineStarts[line]!);
    if (entry === undefined || !('originalSource' in entry)) {
      return {
        name,
        module,
        location: `${relative(repositoryRoot, module)}@${event.start}`,
        source: undefined,
      };
    }
    const original = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : join(module, '..', entry.originalSource);
    const source = relative(repositoryRoot, original);
    return { name, module, location: `${source}:${entry.originalLine + 1}`, source };
  };
}
