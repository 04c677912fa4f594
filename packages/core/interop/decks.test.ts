import { describe, expect, it } from 'vitest';
import { Deck } from '../src/decks/deck';
import { renderDeckHtml } from '../src/decks/render-deck-html';
import { TimelineDeck } from '../src/decks/timeline-deck';
import { runOracleScript } from './oracle-python';

interface DeckSpec {
  name?: string;
  html?: string;
  append?: string[];
  timeline?: { name: string; wallTime: number; processTime: number }[];
}

const cases: DeckSpec[][] = [
  [{ name: 'default', html: '<p>hello</p>' }],
  [
    { name: 'a & b <c>', html: '<div><div>nested</div></div>' },
    { name: '"quoted" \'single\'', html: '' },
  ],
  [
    { name: 'dup', html: 'first' },
    { name: 'other', html: 'middle' },
    { name: 'dup', html: 'last wins' },
  ],
  [{ name: 'Unicode ✓ ñ 数据', html: '<b>ünï</b>', append: ['<i>more</i>', ''] }],
  [
    { timeline: [{ name: 'Execute user level code', wallTime: 0.1234567, processTime: 0.01 }] },
    { name: 'Output', html: '<pre>1</pre>' },
  ],
  [{ timeline: [] }, { name: 'only', html: 'x' }],
];

function ourDecks(specs: DeckSpec[]): Deck[] {
  return specs.map((spec) => {
    if (spec.timeline) {
      const timeline = new TimelineDeck();
      for (const entry of spec.timeline) {
        timeline.record({ ...entry, start: new Date(0), finish: new Date(1000) });
      }
      return timeline;
    }
    const deck = new Deck(spec.name!, spec.html, { autoAddToDeck: false });
    for (const extra of spec.append ?? []) deck.append(extra);
    return deck;
  });
}

function navigation(html: string): string {
  return /<ul id="flyte-frame-tabs"[^>]*>([\s\S]*?)<\/ul>/.exec(html)![1]!.trim();
}

function bodies(html: string): string {
  const start = html.indexOf('<div id="flyte-frame-container">') + '<div id="flyte-frame-container">'.length;
  const end = html.search(/<\/div>\s*(<\/body>|<script>)/);
  return html.slice(start, end).trim();
}

describe("deck.html agrees with flytekit's _get_deck", () => {
  const python = runOracleScript<string[]>('deck_oracle.py', cases);

  it.each(cases.map((_, index) => [index]))('case %i: same escaped tab names, order and bodies', (index) => {
    const ours = renderDeckHtml(ourDecks(cases[index]!));
    expect(navigation(ours)).toBe(navigation(python[index]!));
    expect(bodies(ours)).toBe(bodies(python[index]!));
  });

  it('keeps the tab and container ids flytekit pages are styled and scripted by', () => {
    const ours = renderDeckHtml(ourDecks(cases[0]!));
    for (const marker of [
      'id="flyte-frame-tabs"',
      'id="flyte-frame-container"',
      'handleLinkClick',
      '<title>User Content</title>',
    ]) {
      expect(python[0]).toContain(marker);
      expect(ours).toContain(marker);
    }
  });

  it('needs no network, unlike flytekit (which links a web font)', () => {
    expect(python[0]).toContain('https://fonts.googleapis.com');
    expect(renderDeckHtml(ourDecks(cases[0]!))).not.toMatch(/https?:\/\//);
  });
});
