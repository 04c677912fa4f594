import { escapeHtml } from '../html/escape-html';
import type { Deck } from './deck';

const style = `
ol, ul { list-style: none; }
table { border-collapse: collapse; border-spacing: 0; }
body { margin: 0; font-family: "Open Sans", Helvetica, Arial, sans-serif; }
#flyte-frame-nav { display: flex; width: 100%; }
#flyte-frame-tabs { display: flex; flex-wrap: wrap; width: 100%; justify-content: center; margin-block: 0; padding-inline-start: 0; }
#flyte-frame-tabs li { cursor: pointer; padding: 8px; margin: 0 12px 0 0; font-size: 14px; line-height: 20px; font-weight: 700; color: #666666; min-width: 126px; text-align: center; }
#flyte-frame-tabs li:last-child { margin-right: 0; }
#flyte-frame-tabs li.active { border-bottom: 4px solid rgb(163, 26, 255); color: #333333; }
#flyte-frame-tabs li:focus-visible { outline: 2px solid rgb(163, 26, 255); }
#flyte-frame-container { width: auto; }
#flyte-frame-container > div { display: none; }
#flyte-frame-container > div.active { display: block; padding: 2rem 2rem; }
`;

// Same contract as flytekit's template (tab and container ids, link_index numbering from 1, the
// first tab active) without its web-font link, so the page needs no network. Reports inside a
// hidden tab draw when their element gets a size (ResizeObserver); the `tasklens:deck-tab-shown`
// event is a second signal for code that prefers it.
const script = `
(function () {
  var tabs = document.getElementById('flyte-frame-tabs');
  var containers = document.getElementById('flyte-frame-container');
  function activate(index) {
    for (var i = 0; i < tabs.children.length; i++) {
      var on = tabs.children[i].getAttribute('link_index') === String(index);
      tabs.children[i].className = on ? 'active' : '';
      tabs.children[i].setAttribute('aria-selected', on ? 'true' : 'false');
      containers.children[i].className = on ? 'active' : '';
    }
    window.dispatchEvent(new CustomEvent('tasklens:deck-tab-shown', { detail: { index: Number(index) } }));
  }
  window.handleLinkClick = function (element) { activate(element.getAttribute('link_index')); };
  for (var i = 0; i < tabs.children.length; i++) {
    tabs.children[i].setAttribute('link_index', String(i + 1));
    tabs.children[i].setAttribute('role', 'tab');
    tabs.children[i].setAttribute('tabindex', '0');
    tabs.children[i].addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); window.handleLinkClick(this); }
    });
    containers.children[i].setAttribute('link_index', String(i + 1));
  }
  if (tabs.children.length > 0) activate(1);
})();
`;

/**
 * Renders decks into one self-contained `deck.html`, as flytekit's `_get_deck`: a name→html map in
 * list order (a duplicate name keeps its first position and its last html), one escaped nav item
 * and one raw body `<div>` per entry.
 */
export function renderDeckHtml(decks: readonly Deck[]): string {
  const byName = new Map<string, string>();
  for (const deck of decks) byName.set(deck.name, deck.html);
  const navigation: string[] = [];
  const bodies: string[] = [];
  for (const [name, html] of byName) {
    navigation.push(`<li onclick="handleLinkClick(this)">${escapeHtml(name)}</li>`);
    // The body is HTML by contract: renderers escape the data they embed.
    bodies.push(`<div>${html}</div>`);
  }
  return `<!doctype html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>User Content</title>
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <style>${style}</style>
</head>
<body>
    <nav id="flyte-frame-nav">
        <ul id="flyte-frame-tabs" role="tablist">
            ${navigation.join('')}
        </ul>
    </nav>
    <div id="flyte-frame-container">
        ${bodies.join('')}
    </div>
<script>${script}</script>
</body>
</html>
`;
}
