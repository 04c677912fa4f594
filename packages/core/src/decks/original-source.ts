import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A function's original (e.g. TypeScript) source, found through its compiled file's source map. */
export interface OriginalSource {
  /** The original file, as the source map names it (resolved to a path where it can be). */
  file: string;
  /** The original lines that hold the function. */
  text: string;
}

interface ScriptInfo {
  url: string;
  sourceMapURL: string;
}

const functionSlot = Symbol.for('tasklens.decks.source-function');

/** Where V8 compiled `fn`: its script and position (0-based), through a short inspector session. */
function locate(fn: Function): { script: ScriptInfo; line: number; column: number } | undefined {
  // Loaded here, not at the top: `node:inspector` costs every `tasklens execute` start ~3 ms of CPU,
  // and only the Source Code deck needs it.
  const { Session } = process.getBuiltinModule('node:inspector');
  const session = new Session();
  session.connect();
  const holder = globalThis as Record<symbol, unknown>;
  // Runtime and Debugger commands on a same-thread session answer before `post` returns.
  const post = <T>(method: string, params: object = {}): T => {
    let failure: Error | null = null;
    let answer: unknown;
    session.post(method, params, (error, result) => {
      failure = error;
      answer = result;
    });
    if (failure !== null) throw failure;
    return answer as T;
  };
  try {
    holder[functionSlot] = fn;
    const { result } = post<{ result: { objectId?: string } }>('Runtime.evaluate', {
      expression: `globalThis[Symbol.for(${JSON.stringify(functionSlot.description)})]`,
    });
    if (result.objectId === undefined) return undefined;
    const { internalProperties = [] } = post<{
      internalProperties?: {
        name: string;
        value?: { value?: { scriptId: string; lineNumber: number; columnNumber: number } };
      }[];
    }>('Runtime.getProperties', { objectId: result.objectId, ownProperties: true });
    const location = internalProperties.find((property) => property.name === '[[FunctionLocation]]')?.value
      ?.value;
    if (location === undefined) return undefined;
    // The script's URL and source map URL come with Debugger.scriptParsed, sent for every loaded
    // script when the domain is enabled; it is disabled again at once (no breakpoints are set).
    const scripts = new Map<string, ScriptInfo>();
    session.on('Debugger.scriptParsed', (message) => {
      const { scriptId, url, sourceMapURL = '' } = message.params;
      scripts.set(scriptId, { url, sourceMapURL });
    });
    post('Debugger.enable');
    post('Debugger.disable');
    const script = scripts.get(location.scriptId);
    return script === undefined
      ? undefined
      : { script, line: location.lineNumber, column: location.columnNumber };
  } finally {
    delete holder[functionSlot];
    session.disconnect();
  }
}

function pathOf(url: string): string | undefined {
  if (url.startsWith('file://')) return fileURLToPath(url);
  return isAbsolute(url) ? url : undefined;
}

/** The source map's JSON and the folder its relative `sources` start from. */
function loadSourceMap(
  generated: string,
  text: string,
  declared: string,
): { payload: SourceMapPayload; base: string } | undefined {
  // The file's own comment first: a loader that transformed the file again (a test runner) reports
  // its own map for the script V8 compiled, not the one that leads back to the original source.
  const reference = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(text)?.[1] || declared;
  if (!reference) return undefined;
  const inline = /^data:application\/json[^,]*?(;base64)?,(.*)$/s.exec(reference);
  if (inline) {
    const body = inline[1]
      ? Buffer.from(inline[2]!, 'base64').toString('utf8')
      : decodeURIComponent(inline[2]!);
    return { payload: JSON.parse(body) as SourceMapPayload, base: dirname(generated) };
  }
  const mapPath = reference.startsWith('file://')
    ? fileURLToPath(reference)
    : resolve(dirname(generated), reference);
  return { payload: JSON.parse(readFileSync(mapPath, 'utf8')) as SourceMapPayload, base: dirname(mapPath) };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 0; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return -1;
    offset = next + 1;
  }
  return offset + column;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

/**
 * The original source of `fn` when its compiled file has a source map (inline or beside it) that
 * maps the function back; undefined otherwise (no map, the function was built at run time, …).
 * Never throws: the Source Code deck falls back to the compiled text.
 */
export function originalSourceOf(fn: Function): OriginalSource | undefined {
  try {
    const located = locate(fn);
    if (located === undefined) return undefined;
    const generated = pathOf(located.script.url);
    if (generated === undefined) return undefined;
    const text = readFileSync(generated, 'utf8');
    const compiled = Function.prototype.toString.call(fn);
    // V8 points inside the function (at its parameters): find the copy of its text around that.
    const inside = offsetOf(text, located.line, located.column);
    let start = text.lastIndexOf(compiled, inside);
    if (start === -1 || start + compiled.length < inside) start = text.indexOf(compiled);
    if (start === -1) return undefined;
    const map = loadSourceMap(generated, text, located.script.sourceMapURL);
    if (map === undefined) return undefined;
    const sourceMap = new SourceMap(map.payload);
    const from = positionOf(text, start);
    const to = positionOf(text, start + compiled.length - 1);
    const first = sourceMap.findEntry(from.line, from.column) as Partial<{
      originalSource: string;
      originalLine: number;
    }>;
    if (first.originalSource === undefined || first.originalLine === undefined) return undefined;
    const sources = map.payload.sources;
    const index = sources.findIndex(
      (source) =>
        source === first.originalSource || first.originalSource!.endsWith(source.replace(/^(\.\.?\/)+/, '')),
    );
    if (index === -1) return undefined;
    const root = map.payload.sourceRoot ?? '';
    const file = resolve(map.base, root, sources[index]!);
    const content = map.payload.sourcesContent?.[index] ?? readFileSync(file, 'utf8');
    const lines = content.split('\n');
    // The last original line any generated line of the function maps to (a closing brace often
    // has no mapping of its own), then the closing brackets that follow it.
    let lastLine = first.originalLine;
    const generatedLines = text.split('\n');
    for (let line = from.line; line <= to.line; line++) {
      const width = line === to.line ? to.column : (generatedLines[line]?.length ?? 1) - 1;
      for (const column of [0, Math.max(0, width)]) {
        const entry = sourceMap.findEntry(line, column) as Partial<{
          originalSource: string;
          originalLine: number;
        }>;
        if (entry.originalSource === first.originalSource && entry.originalLine !== undefined)
          lastLine = Math.max(lastLine, entry.originalLine);
      }
    }
    while (lastLine + 1 < lines.length && /^\s*[}\])][}\]);,]*\s*$/.test(lines[lastLine + 1]!)) lastLine++;
    return { file, text: lines.slice(first.originalLine, lastLine + 1).join('\n') };
  } catch {
    return undefined;
  }
}
