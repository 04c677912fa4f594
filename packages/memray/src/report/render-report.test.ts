import { describe, expect, test } from 'vitest';
import { syntheticCapture } from '../__fixtures__/synthetic-capture';
import { parseReporterArgs } from '../options/reporter-settings';
import { renderReport, scriptSafeJson } from './render-report';
import { buildReportModel, type ReportData } from './report-data';

const peak = parseReporterArgs('flamegraph', [], 'x');

function embeddedData(html: string): ReportData {
  const match = /<script type="application\/json" data-role="data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(match![1]!) as ReportData;
}

describe('report HTML', () => {
  test('function names with <script> are escaped everywhere', () => {
    const html = renderReport(syntheticCapture(), 'flamegraph', peak);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>');
    expect(html).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
    // The top-allocators list is server-rendered HTML: escaped text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(embeddedData(html).strings).toContain('<script>alert(1)</script>');
    // Only our two script elements, whatever the data says.
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  test('scriptSafeJson leaves nothing that can close a script element', () => {
    const text = scriptSafeJson({ a: '</script><!-- & \u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ a: '</script><!-- & \u2028' });
  });

  test('self-contained: no resource URLs, no external scripts or styles', () => {
    const html = renderReport(syntheticCapture(), 'table', parseReporterArgs('table', [], 'x'));
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/<link|@import|url\(/i);
    const urls = html.match(/https?:\/\/[^\s"'`)]+/g) ?? [];
    // The only URL is the SVG namespace identifier, which is never fetched.
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  test('scoped: one id per report, every CSS rule under it; two reports differ', () => {
    const first = renderReport(syntheticCapture(), 'flamegraph', peak);
    const second = renderReport(syntheticCapture(), 'flamegraph', peak);
    const ids = [...first.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^tlm-[0-9a-f]{12}$/);
    expect(second).not.toContain(ids[0]);
    const css = /<style>([\s\S]*?)<\/style>/.exec(first)![1]!;
    const selectors = css
      .replace(/@media[^{]*\{/g, '')
      .split('}')
      .map((rule) => rule.split('{')[0]!.trim())
      .filter((selector) => selector !== '');
    for (const selector of selectors) {
      for (const part of selector.split(','))
        expect(part.trim().startsWith(`#${ids[0]}`), selector).toBe(true);
    }
  });

  test('a fragment (no <html>), with the stats memray shows', () => {
    const html = renderReport(syntheticCapture(), 'flamegraph', peak);
    expect(html.startsWith('<div class="tlm"')).toBe(true);
    expect(html).not.toMatch(/<html|<body|<head/);
    for (const stat of [
      'Peak JS heap used',
      'Peak RSS',
      'Sampled bytes in this view',
      'Top allocators',
      'Duration',
    ]) {
      expect(html).toContain(stat);
    }
    expect(html).toContain('<dd data-stat="peak-js-heap-used">13.0 MB</dd>'); // peak heapUsed: 10e6 + 100 * 3e4
    expect(html).toContain('<dd data-stat="peak-rss">60.0 MB</dd>'); // peak RSS: 50e6 + 100 * 1e5
  });

  test('embedded data: frames in preorder with the profile total, memory in columns', () => {
    const data = embeddedData(renderReport(syntheticCapture(), 'flamegraph', peak));
    expect(data.totalBytes).toBe(3_000_000);
    expect(data.nodes.self.reduce((sum, value) => sum + value, 0)).toBe(3_000_000);
    expect(data.strings[data.nodes.name[0]!]).toBe('main thread');
    expect(data.nodes.parent[0]).toBe(-1);
    expect(data.memory.time).toHaveLength(101);
    expect(data.memory.time[100]).toBe(1000);
    expect(data.hideInternal).toBe(true);
  });

  test('capped chart points keep the JS heap line when only every 5th point read the heap', () => {
    const capture = syntheticCapture();
    // As the sidecar records them: RSS every tick, the heap every 5th (null in the capture file).
    capture.memory = capture.memory.map((record, index) =>
      index % 5 === 1 ? record : [record[0], record[1], Number.NaN, Number.NaN, record[4], record[5]],
    );
    const data = embeddedData(
      renderReport(capture, 'flamegraph', parseReporterArgs('flamegraph', ['--max-memory-records=20'], 'x')),
    );
    expect(data.memory.time.length).toBeLessThanOrEqual(21);
    // Every capped point but the last (kept as is) is one that read the heap.
    expect(data.memory.heapUsed.slice(0, -1).every((value) => value >= 0)).toBe(true);
  });

  test('--max-memory-records caps the chart points', () => {
    const data = embeddedData(
      renderReport(
        syntheticCapture(),
        'flamegraph',
        parseReporterArgs('flamegraph', ['--max-memory-records=10'], 'x'),
      ),
    );
    expect(data.memory.time.length).toBeLessThanOrEqual(11);
    expect(data.memory.time.at(-1)).toBe(1000);
  });

  test('top allocators name bytes allocated inside a hidden internal frame "via" it', () => {
    const html = renderReport(syntheticCapture(), 'flamegraph', peak);
    // loadRows: 1.5 MB self; the 0.5 MB in the builtin `push` it called is listed as such.
    expect(html).toMatch(/<li><strong>1\.50 MB<\/strong> loadRows/);
    expect(html).toMatch(/<li><strong>500 kB<\/strong> loadRows via push/);
  });

  test("the profiler's own start and stop code is left out of the view and counted apart", () => {
    const capture = syntheticCapture();
    const stopCode = {
      callFrame: {
        functionName: 'stop',
        scriptId: '9',
        url: 'file:///app/node_modules/@tasklens/memray/dist/index.js',
        lineNumber: 10,
        columnNumber: 0,
      },
      selfSize: 0,
      id: 9001,
      children: [
        {
          callFrame: {
            functionName: 'post',
            scriptId: '8',
            url: 'node:inspector',
            lineNumber: 5,
            columnNumber: 0,
          },
          selfSize: 2_000_000,
          id: 9002,
          children: [],
        },
      ],
    };
    capture.final!.head.children.push(stopCode);
    const model = buildReportModel(capture, 'flamegraph', peak, 10_000);
    expect(model.data.totalBytes).toBe(3_000_000);
    expect(model.data.strings).not.toContain('stop');
    expect(Object.fromEntries(model.stats)["Profiler's own allocations (left out)"]).toBe('2.00 MB');
  });

  test('the summary says how exact the totals are at the interval used', () => {
    const capture = syntheticCapture();
    const loadRows = capture.final!.head.children[0]!.children[0]!;
    // 400 samples: 1/sqrt(400) = 5 %, so ±10 % at 95 % confidence.
    capture.final!.samples = Array.from({ length: 400 }, (_, ordinal) => ({
      size: 3750,
      nodeId: loadRows.id,
      ordinal,
    }));
    const stats = Object.fromEntries(buildReportModel(capture, 'flamegraph', peak, 10_000).stats);
    expect(stats['Sampled bytes in this view']).toBe('3.00 MB (±10 % at 95 % confidence)');
    expect(stats['How exact']).toContain('a site of 3.28 MB is within about ±20 %');
  });

  test('a view with too few samples says so and how to fix it, instead of an empty chart alone', () => {
    const capture = syntheticCapture();
    capture.metadata.samplingIntervalBytes = 1_048_576;
    const loadRows = capture.final!.head.children[0]!.children[0]!;
    capture.final!.samples = [{ size: 1000, nodeId: loadRows.id, ordinal: 1 }];
    expect(buildReportModel(capture, 'flamegraph', peak, 10_000).notes[0]).toMatch(
      /^Too few samples to say where memory went \(1 at a 1\.05 MB interval\)/,
    );
    const [note] = buildReportModel(capture, 'flamegraph', peak, 10_000).notes;
    expect(note).toContain('samplingIntervalBytes: 32768');
    expect(note).toContain("'--temporary-allocations'");
  });

  test('a memory chart with a single tick says why', () => {
    const capture = syntheticCapture();
    capture.metadata.memoryTicks = 1;
    const model = buildReportModel(capture, 'flamegraph', peak, 10_000);
    expect(model.notes.some((note) => note.startsWith('The memory chart has 1 tick(s)'))).toBe(true);
    const healthy = buildReportModel(syntheticCapture(), 'flamegraph', peak, 10_000);
    expect(healthy.notes.some((note) => note.startsWith('The memory chart'))).toBe(false);
  });

  test('a capture that could not profile says why', () => {
    const capture = syntheticCapture();
    capture.metadata.profilingError = 'another heap sampler is running';
    capture.final = null;
    const html = renderReport(capture, 'flamegraph', peak);
    expect(html).toContain('Profiling was not possible: another heap sampler is running');
    expect(html).toContain('No sampled allocations.');
  });
});
