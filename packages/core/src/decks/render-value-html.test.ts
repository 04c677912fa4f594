import { describe, expect, test } from 'vitest';
import { formatNumberForPeople } from './format-number-for-people';
import { renderValueHtml } from './render-value-html';

describe('numbers in Input/Output decks are formatted for people', () => {
  test.each([
    [80.00001569589337, '80.00002'],
    [0.1 + 0.2, '0.3'],
    [1234.5678901, '1234.568'],
    [42, '42'],
    [-3, '-3'],
    [1.5e-9, '1.5e-9'],
    [6.02214076e23, '6.02214076e+23'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('%d shows as %s', (value, shown) => {
    expect(formatNumberForPeople(value)).toBe(shown);
  });

  test('a rounded number keeps its exact value on hover and in a copyable block', () => {
    const html = renderValueHtml(
      'metrics',
      { accuracy: 80.00001569589337, epochs: 3, tags: ['a'] },
      undefined,
    );
    expect(html).toContain('<span title="80.00001569589337" data-exact="80.00001569589337">80.00002</span>');
    expect(html).toContain('&quot;epochs&quot;: 3');
    expect(html).toContain(
      '<details><summary>Exact values</summary><pre style="overflow:auto">{\n  &quot;accuracy&quot;: 80.00001569589337',
    );
  });

  test('values with nothing to round show once, as plain JSON, escaped', () => {
    const html = renderValueHtml('o', { name: '<b>', count: 2 }, undefined);
    expect(html).toBe(
      '<h3>o</h3><pre style="overflow:auto">{\n  &quot;name&quot;: &quot;&lt;b&gt;&quot;,\n  &quot;count&quot;: 2\n}</pre>',
    );
  });

  test('a bare float output and a descriptor with its own HTML', () => {
    expect(renderValueHtml('o0', 2.0000000001, undefined)).toContain('>2</span>');
    expect(renderValueHtml('o0', 1, { toHtml: () => '<i>custom</i>' } as never)).toBe(
      '<h3>o0</h3><i>custom</i>',
    );
  });
});
