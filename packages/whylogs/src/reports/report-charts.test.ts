import { describe, expect, it } from 'vitest';
import { KllDoublesSketch } from '../sketches/kll/kll-doubles-sketch';
import { doubleHistogramSvg, histogramFromSketch, sharedHistograms } from './report-charts';

function sketchOf(values: number[]): KllDoublesSketch {
  const sketch = KllDoublesSketch.create();
  for (const value of values) sketch.update(value);
  return sketch;
}

describe('drift report histograms', () => {
  const reference = sketchOf(Array.from({ length: 200 }, (_, index) => index / 200));
  const target = sketchOf(Array.from({ length: 120 }, (_, index) => 0.5 + index / 120));

  it('bins target and reference over both ranges, so each keeps all its values and a shift shows', () => {
    const shared = sharedHistograms(target, reference);
    expect(shared.bins[0]).toBe(0);
    expect(shared.bins.at(-1)!).toBeGreaterThan(1.49);
    expect(shared.target).toHaveLength(shared.bins.length - 1);
    expect(shared.reference).toHaveLength(shared.bins.length - 1);
    expect(shared.target.reduce((sum, count) => sum + count, 0)).toBe(120);
    expect(shared.reference.reduce((sum, count) => sum + count, 0)).toBe(200);
    const firstFilled = (counts: number[]) => counts.findIndex((count) => count > 0);
    expect(firstFilled(shared.target)).toBeGreaterThan(firstFilled(shared.reference));
    // Their own histograms start at their own minimum: the old report could not show the shift.
    expect(histogramFromSketch(target).bins[0]).toBe(0.5);
  });

  it('draws both series in one svg on the same bar grid, with a legend', () => {
    const svg = doubleHistogramSvg(sharedHistograms(target, reference), 'Target and reference');
    const xs = (series: string) =>
      [...svg.matchAll(new RegExp(`<rect x="([\\d.]+)"[^>]*data-series="${series}"`, 'g'))].map(
        (match) => match[1],
      );
    expect(xs('target')).toEqual(xs('reference'));
    expect(svg).toContain('>target</text>');
    expect(svg).toContain('>reference</text>');
  });

  it('handles one repeated value on both sides', () => {
    const shared = sharedHistograms(sketchOf([3, 3]), sketchOf([3]));
    expect(shared.target).toEqual([2]);
    expect(shared.reference).toEqual([1]);
  });
});
