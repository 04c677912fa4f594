// Browser code. It is serialised with `String(memrayReportClient)` into every report, so it must
// be self-contained: no imports, no helpers from outside this function, DOM APIs only.

/** Draws one report inside `root` from its embedded data; everything is looked up inside `root`. */
export function memrayReportClient(
  root: HTMLElement,
  data: any,
  selectRange?: (temporal: any, from: number, to: number) => any,
  topAllocators?: (data: any, count: number) => { name: string; location: string; bytes: number }[],
): void {
  const strings: string[] = data.strings;
  const raw = data.nodes;
  const kinds: string[] = data.kinds;
  const rowHeight = 20;
  const role = (name: string): any => root.querySelector(`[data-role="${name}"]`);
  const state: any = {
    inverted: !!data.inverted,
    flame: false,
    hideInternal: !!data.hideInternal,
    hideModules: false,
    search: '',
    focus: null,
    tree: null,
    sortKey: 'self',
    sortDescending: true,
    tableSearch: '',
    tableLimit: 100,
    drawnWidth: -1,
    /** `--temporal`: the picked [from, to] in ms, or null for the whole run. */
    range: null,
  };

  function human(bytes: number): string {
    if (!Number.isFinite(bytes) || bytes < 0) return 'n/a';
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return `${unit === 0 ? value.toFixed(0) : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
  }

  function isHidden(kind: string): boolean {
    if (kind === 'thread') return !data.splitThreads;
    if (state.hideInternal && (kind === 'node' || kind === 'builtin' || kind === 'profiler')) return true;
    return state.hideModules && kind === 'node_modules';
  }

  function makeNode(index: number, parent: any): any {
    return {
      name: index < 0 ? 'all' : strings[raw.name[index]],
      file: index < 0 ? '' : strings[raw.file[index]],
      line: index < 0 ? 0 : raw.line[index],
      kind: index < 0 ? 'root' : kinds[raw.kind[index]],
      thread: parent ? parent.thread : '',
      self: 0,
      total: 0,
      samples: 0,
      children: [],
      byKey: new Map(),
      parent,
    };
  }

  /** Internal frames hidden by a filter stay visible as one "via <first internal frame>" child of their caller. */
  function foldsAsVia(kind: string): boolean {
    return kind === 'node' || kind === 'builtin' || kind === 'node_modules';
  }

  function viaChild(parent: any, index: number): any {
    const key = `via:${raw.name[index]}`;
    let child = parent.byKey.get(key);
    if (!child) {
      child = makeNode(index, parent);
      child.name = `via ${strings[raw.name[index]]}`;
      child.kind = 'folded';
      parent.byKey.set(key, child);
      parent.children.push(child);
    }
    return child;
  }

  function childOf(parent: any, index: number): any {
    const key = `${raw.name[index]}:${raw.file[index]}:${raw.line[index]}:${raw.kind[index]}`;
    let child = parent.byKey.get(key);
    if (!child) {
      child = makeNode(index, parent);
      if (child.kind === 'thread') child.thread = child.name;
      parent.byKey.set(key, child);
      parent.children.push(child);
    }
    return child;
  }

  // Frames are in preorder, so a parent is always mapped before its children.
  function buildTree(): any {
    const top = makeNode(-1, null);
    const count = raw.name.length;
    // Whether a frame's subtree holds a visible frame: a hidden internal that leads to visible code
    // (an event-loop or module-loading caller) folds away; one that does not is what the visible
    // frame above it called to allocate, so it shows as "via <frame>".
    const reachesVisible: boolean[] = new Array(count).fill(false);
    for (let index = count - 1; index >= 0; index--) {
      if (!isHidden(kinds[raw.kind[index]]!)) reachesVisible[index] = true;
      const parent = raw.parent[index];
      if (parent !== -1 && reachesVisible[index]) reachesVisible[parent] = true;
    }
    const display: any[] = new Array(count);
    const threadOf: string[] = new Array(count);
    for (let index = 0; index < count; index++) {
      const parent = raw.parent[index];
      const kind = kinds[raw.kind[index]]!;
      threadOf[index] = parent === -1 ? strings[raw.name[index]]! : threadOf[parent]!;
      if (!state.inverted) {
        const owner = parent === -1 ? top : display[parent];
        // A hidden internal is not charged silently to its caller: it shows as "via <frame>"
        // under it (deeper internals fold into that), so the caller's own bytes stay its own.
        display[index] = !isHidden(kind)
          ? childOf(owner, index)
          : foldsAsVia(kind) && owner.kind !== 'folded' && !reachesVisible[index]
            ? viaChild(owner, index)
            : owner;
        display[index].self += raw.self[index];
        display[index].samples += raw.samples[index];
        continue;
      }
      if (raw.self[index] === 0) continue;
      // Inverted: allocating frame first, then its callers.
      let node = top;
      node.total += raw.self[index];
      // The allocating frame is a hidden internal: the outermost internal frame of that run (the one
      // user code called) names it, "via readFileSync", before its callers.
      let first = index;
      if (isHidden(kinds[raw.kind[index]]!) && foldsAsVia(kinds[raw.kind[index]]!)) {
        while (
          raw.parent[first] !== -1 &&
          isHidden(kinds[raw.kind[raw.parent[first]]]!) &&
          foldsAsVia(kinds[raw.kind[raw.parent[first]]]!)
        )
          first = raw.parent[first];
        node = viaChild(node, first);
        node.thread = threadOf[index];
        node.total += raw.self[index];
        node.samples += raw.samples[index];
      }
      for (let frame = index; frame !== -1; frame = raw.parent[frame]) {
        if (isHidden(kinds[raw.kind[frame]]!)) continue;
        node = childOf(node, frame);
        node.thread = threadOf[index];
        node.total += raw.self[index];
        node.samples += raw.samples[index];
      }
      node.self += raw.self[index];
    }
    if (!state.inverted) {
      const totals = (node: any): number => {
        let total = node.self;
        for (const child of node.children) total += totals(child);
        node.total = total;
        return total;
      };
      totals(top);
    }
    const sort = (node: any) => {
      node.children.sort((left: any, right: any) => right.total - left.total);
      for (const child of node.children) sort(child);
    };
    sort(top);
    return top;
  }

  function matches(node: any): boolean {
    if (state.search === '') return false;
    return `${node.name} ${node.file}`.toLowerCase().includes(state.search);
  }

  function hash(text: string): number {
    let value = 0;
    for (let index = 0; index < text.length; index++) value = (value * 31 + text.charCodeAt(index)) | 0;
    return Math.abs(value);
  }

  function colour(node: any): string {
    if (matches(node)) return '#ff9f1c';
    const jitter = hash(node.name) % 20;
    switch (node.kind) {
      case 'user':
        return `hsl(${100 + jitter}, 55%, ${62 + (jitter % 8)}%)`;
      case 'node_modules':
        return `hsl(${200 + jitter}, 60%, ${70 + (jitter % 8)}%)`;
      case 'thread':
        return 'hsl(275, 45%, 75%)';
      case 'external':
        return 'hsl(0, 65%, 72%)';
      case 'root':
        return 'hsl(0, 0%, 78%)';
      case 'builtin':
        return `hsl(${48 + (jitter % 8)}, 80%, 70%)`;
      case 'folded':
        return `hsl(${30 + (jitter % 8)}, 45%, 80%)`;
      default:
        return `hsl(0, 0%, ${70 + (jitter % 10)}%)`;
    }
  }

  function location(node: any): string {
    if (node.file === '') return '';
    return node.line > 0 ? `${node.file}:${node.line}` : node.file;
  }

  // ---- flamegraph ----
  const flame = role('flame');
  const canvas: HTMLCanvasElement | null = flame ? flame.querySelector('canvas') : null;
  const tooltip = role('tooltip');
  let rects: any[] = [];

  function drawFlame(): void {
    if (!canvas) return;
    const width = flame.clientWidth;
    if (width === 0) return;
    const tree = state.tree;
    const focus = state.focus ?? tree;
    const ancestors: any[] = [];
    for (let node = focus.parent; node; node = node.parent) ancestors.unshift(node);
    const rows: any[] = [];
    const place = (node: any, depth: number, x: number, w: number) => {
      // As memray: frames narrower than 2 px are not drawn.
      if (w < 2) return;
      rows.push({ node, depth, x, w });
      let offset = x;
      for (const child of node.children) {
        const childWidth = node.total > 0 ? (child.total / node.total) * w : 0;
        place(child, depth + 1, offset, childWidth);
        offset += childWidth;
      }
    };
    for (let depth = 0; depth < ancestors.length; depth++) {
      rows.push({ node: ancestors[depth], depth, x: 0, w: width, ancestor: true });
    }
    place(focus, ancestors.length, 0, width);
    const depth = rows.reduce((most, row) => Math.max(most, row.depth), 0) + 1;
    const height = depth * rowHeight;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const context = canvas.getContext('2d')!;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    context.font = '12px system-ui, -apple-system, Segoe UI, sans-serif';
    context.textBaseline = 'middle';
    rects = [];
    let matched = 0;
    const counted = new Set<any>();
    for (const row of rows) {
      const y = state.flame ? (depth - 1 - row.depth) * rowHeight : row.depth * rowHeight;
      const node = row.node;
      context.globalAlpha = row.ancestor ? 0.6 : 1;
      context.fillStyle = colour(node);
      context.fillRect(row.x, y, Math.max(row.w - 1, 1), rowHeight - 1);
      if (row.w > 30) {
        context.fillStyle = '#111';
        const label = node.kind === 'root' ? `all (${human(node.total)})` : node.name;
        let text = label;
        const room = row.w - 8;
        if (context.measureText(text).width > room) {
          while (text.length > 1 && context.measureText(`${text}…`).width > room) text = text.slice(0, -1);
          text = `${text}…`;
        }
        context.fillText(text, row.x + 4, y + rowHeight / 2);
      }
      rects.push({ x: row.x, y, w: row.w, node });
      if (!row.ancestor && matches(node)) {
        let nested = false;
        for (let parent = node.parent; parent; parent = parent.parent) if (counted.has(parent)) nested = true;
        if (!nested) matched += node.total;
        counted.add(node);
      }
    }
    context.globalAlpha = 1;
    const readout = role('match');
    if (readout) {
      readout.textContent =
        state.search === ''
          ? ''
          : `Matched: ${human(matched)} (${focus.total > 0 ? ((100 * matched) / focus.total).toFixed(1) : '0.0'}%)`;
    }
    flame.setAttribute('data-drawn', String(rows.length));
    flame.setAttribute('data-matched', String(counted.size));
  }

  function hit(event: MouseEvent): any {
    if (!canvas) return null;
    const box = canvas.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    for (const rect of rects)
      if (x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rowHeight) return rect;
    return null;
  }

  if (canvas) {
    canvas.addEventListener('mousemove', (event) => {
      const rect = hit(event);
      if (!rect) {
        tooltip.style.display = 'none';
        return;
      }
      const node = rect.node;
      const total = state.tree.total;
      tooltip.textContent = '';
      const lines = [
        node.kind === 'root' ? 'all' : node.name,
        location(node),
        `Total: ${human(node.total)} (${total > 0 ? ((100 * node.total) / total).toFixed(1) : '0.0'}%)`,
        `Self: ${human(node.self)}`,
        `Samples: ${node.samples}`,
        node.thread ? `Thread: ${node.thread}` : '',
        node.kind === 'folded'
          ? 'Allocated inside Node internals or hidden packages called here (folded by the filters above)'
          : '',
      ];
      for (const line of lines) {
        if (line === '') continue;
        const div = document.createElement('div');
        div.textContent = line;
        tooltip.appendChild(div);
      }
      const box = flame.getBoundingClientRect();
      tooltip.style.display = 'block';
      tooltip.style.left = `${Math.min(event.clientX - box.left + 12, Math.max(0, box.width - 320))}px`;
      tooltip.style.top = `${event.clientY - box.top + 14}px`;
    });
    canvas.addEventListener('mouseleave', () => {
      tooltip.style.display = 'none';
    });
    canvas.addEventListener('click', (event) => {
      const rect = hit(event);
      if (!rect) return;
      state.focus = rect.node === state.tree ? null : rect.node;
      drawFlame();
    });
  }

  function rebuild(): void {
    state.tree = buildTree();
    state.focus = null;
    drawAll();
  }

  const bind = (name: string, type: string, handler: (element: any) => void) => {
    const element = role(name);
    if (element) element.addEventListener(type, () => handler(element));
  };
  const initialise = (name: string, value: boolean) => {
    const element = role(name);
    if (element) element.checked = value;
  };
  initialise('inverted', state.inverted);
  initialise('hide-internal', state.hideInternal);
  bind('inverted', 'change', (element) => {
    state.inverted = element.checked;
    rebuild();
  });
  bind('flame-orientation', 'change', (element) => {
    state.flame = element.checked;
    drawFlame();
  });
  bind('hide-internal', 'change', (element) => {
    state.hideInternal = element.checked;
    rebuild();
  });
  bind('hide-modules', 'change', (element) => {
    state.hideModules = element.checked;
    rebuild();
  });
  bind('search', 'input', (element) => {
    state.search = element.value.trim().toLowerCase();
    drawFlame();
  });
  bind('reset', 'click', () => {
    state.focus = null;
    drawFlame();
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && state.focus) {
      state.focus = null;
      drawFlame();
    }
  });

  // ---- table ----
  const table = role('table');

  function tableRows(): any[] {
    const rows = new Map<string, any>();
    const walk = (node: any, open: Set<string>) => {
      let next = open;
      if (node.kind !== 'root' && node.kind !== 'thread') {
        const key = `${data.splitThreads ? node.thread : ''}\u0000${node.name}\u0000${location(node)}`;
        let row = rows.get(key);
        if (!row) {
          row = {
            thread: node.thread,
            name: node.name,
            location: location(node),
            label: location(node) === '' ? node.name : `${node.name} at ${location(node)}`,
            kind: node.kind,
            self: 0,
            total: 0,
            samples: 0,
          };
          rows.set(key, row);
        }
        row.self += node.self;
        row.samples += node.samples;
        // Recursion would count the same bytes twice in the inclusive column.
        if (!open.has(key)) {
          row.total += node.total;
          next = new Set(open);
          next.add(key);
        }
      }
      for (const child of node.children) walk(child, next);
    };
    const inverted = state.inverted;
    state.inverted = false;
    const tree = buildTree();
    state.inverted = inverted;
    walk(tree, new Set());
    return [...rows.values()];
  }

  function drawTable(): void {
    if (!table) return;
    if (!state.rows) state.rows = tableRows();
    const search = state.tableSearch;
    const key = state.sortKey;
    const direction = state.sortDescending ? -1 : 1;
    const rows = state.rows
      .filter((row: any) => search === '' || `${row.name} ${row.location}`.toLowerCase().includes(search))
      .sort((left: any, right: any) => {
        const a = left[key];
        const b = right[key];
        return (typeof a === 'number' ? a - b : String(a).localeCompare(String(b))) * direction;
      });
    const body = table.querySelector('tbody');
    body.textContent = '';
    for (const row of rows.slice(0, state.tableLimit)) {
      const tr = document.createElement('tr');
      const cells: [string, string | number][] = [];
      if (data.splitThreads) cells.push([row.thread, row.thread]);
      cells.push(
        [human(row.self), row.self],
        [human(row.total), row.total],
        [String(row.samples), row.samples],
      );
      cells.push([row.kind, row.kind], [row.label, row.label]);
      for (const [text, value] of cells) {
        const td = document.createElement('td');
        td.textContent = text;
        td.setAttribute('data-value', String(value));
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    for (const th of table.querySelectorAll('th')) {
      const sorted = th.getAttribute('data-key') === key;
      th.setAttribute('aria-sort', sorted ? (state.sortDescending ? 'descending' : 'ascending') : 'none');
    }
    const more = role('more');
    if (more) {
      more.style.display = rows.length > state.tableLimit ? 'inline-block' : 'none';
      more.textContent = `Show more (${rows.length - Math.min(rows.length, state.tableLimit)} hidden)`;
    }
  }

  if (table) {
    for (const th of table.querySelectorAll('th')) {
      th.addEventListener('click', () => {
        const key = th.getAttribute('data-key');
        if (state.sortKey === key) state.sortDescending = !state.sortDescending;
        else {
          state.sortKey = key;
          state.sortDescending = key === 'self' || key === 'total' || key === 'samples';
        }
        drawTable();
      });
    }
    bind('table-search', 'input', (element) => {
      state.tableSearch = element.value.trim().toLowerCase();
      drawTable();
    });
    bind('more', 'click', () => {
      state.tableLimit += 100;
      drawTable();
    });
    bind('hide-internal', 'change', () => {
      state.rows = null;
      drawTable();
    });
  }

  // ---- memory chart ----
  const chart = role('chart');
  const series = [
    ['rss', 'Resident size (RSS)', '#7b3fd0', ''],
    ['heapUsed', 'JS heap used', '#1f77b4', ''],
    ['heapTotal', 'JS heap total', '#8fbbe0', '4 3'],
    ['external', 'external', '#e07b00', ''],
    ['arrayBuffers', 'arrayBuffers', '#d62728', '2 2'],
  ];

  function drawChart(): void {
    if (!chart) return;
    const width = chart.clientWidth;
    if (width === 0) return;
    const memory = data.memory;
    const svgNamespace = 'http://www.w3.org/2000/svg';
    chart.textContent = '';
    if (memory.time.length === 0) {
      chart.textContent = 'No memory-over-time records.';
      return;
    }
    const height = 170;
    const pad = { left: 64, right: 8, top: 8, bottom: 22 };
    const svg = document.createElementNS(svgNamespace, 'svg');
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Memory over time');
    const end = Math.max(1, memory.time[memory.time.length - 1]);
    let top = 1;
    for (const [key] of series) for (const value of memory[key!]) if (value > top) top = value;
    const x = (time: number) => pad.left + (time / end) * (width - pad.left - pad.right);
    const y = (value: number) => pad.top + (1 - value / top) * (height - pad.top - pad.bottom);
    const line = (x1: number, y1: number, x2: number, y2: number, stroke: string) => {
      const element = document.createElementNS(svgNamespace, 'line');
      element.setAttribute('x1', String(x1));
      element.setAttribute('y1', String(y1));
      element.setAttribute('x2', String(x2));
      element.setAttribute('y2', String(y2));
      element.setAttribute('stroke', stroke);
      svg.appendChild(element);
      return element;
    };
    const label = (text: string, lx: number, ly: number, anchor: string) => {
      const element = document.createElementNS(svgNamespace, 'text');
      element.textContent = text;
      element.setAttribute('x', String(lx));
      element.setAttribute('y', String(ly));
      element.setAttribute('text-anchor', anchor);
      element.setAttribute('class', 'tlm-axis');
      svg.appendChild(element);
    };
    line(pad.left, pad.top, pad.left, height - pad.bottom, 'currentColor');
    line(pad.left, height - pad.bottom, width - pad.right, height - pad.bottom, 'currentColor');
    label(human(top), pad.left - 4, pad.top + 8, 'end');
    label('0', pad.left - 4, height - pad.bottom, 'end');
    label('0 s', pad.left, height - 6, 'start');
    label(`${(end / 1000).toFixed(2)} s`, width - pad.right, height - 6, 'end');
    for (const [key, , stroke, dash] of series) {
      const values = memory[key!];
      const points: string[] = [];
      for (let index = 0; index < values.length; index++) {
        if (values[index] < 0) continue;
        points.push(`${x(memory.time[index]).toFixed(1)},${y(values[index]).toFixed(1)}`);
      }
      const polyline = document.createElementNS(svgNamespace, 'polyline');
      polyline.setAttribute('points', points.join(' '));
      polyline.setAttribute('fill', 'none');
      polyline.setAttribute('stroke', stroke!);
      polyline.setAttribute('stroke-width', '1.5');
      polyline.setAttribute('data-series', key!);
      if (dash) polyline.setAttribute('stroke-dasharray', dash);
      svg.appendChild(polyline);
    }
    if (data.markerTime !== undefined) {
      const marker = line(x(data.markerTime), pad.top, x(data.markerTime), height - pad.bottom, '#f2b600');
      marker.setAttribute('stroke-width', '2');
      label(data.markerLabel, x(data.markerTime) + 3, pad.top + 10, 'start');
    }
    if (data.temporal) {
      // A time range is picked by dragging across the chart (memray's temporal flamegraph).
      svg.style.cursor = 'crosshair';
      const shade = document.createElementNS(svgNamespace, 'rect');
      shade.setAttribute('data-role', 'range');
      shade.setAttribute('y', String(pad.top));
      shade.setAttribute('height', String(height - pad.top - pad.bottom));
      shade.setAttribute('fill', 'currentColor');
      shade.setAttribute('fill-opacity', '0.12');
      const showRange = (from: number, to: number) => {
        shade.setAttribute('x', String(x(from)));
        shade.setAttribute('width', String(Math.max(1, x(to) - x(from))));
      };
      if (state.range) showRange(state.range[0], state.range[1]);
      else shade.setAttribute('width', '0');
      svg.appendChild(shade);
      const timeAt = (event: MouseEvent) => {
        const box = svg.getBoundingClientRect();
        const time = ((event.clientX - box.left - pad.left) / (width - pad.left - pad.right)) * end;
        return Math.min(end, Math.max(0, time));
      };
      let dragFrom: number | null = null;
      svg.addEventListener('mousedown', (event: MouseEvent) => {
        dragFrom = timeAt(event);
        event.preventDefault();
      });
      svg.addEventListener('mousemove', (event: MouseEvent) => {
        if (dragFrom === null) return;
        if (event.buttons === 0) {
          // Released outside the chart: drop the drag and show the range in force again.
          dragFrom = null;
          if (state.range) showRange(state.range[0], state.range[1]);
          else shade.setAttribute('width', '0');
          return;
        }
        const time = timeAt(event);
        showRange(Math.min(dragFrom, time), Math.max(dragFrom, time));
      });
      svg.addEventListener('mouseup', (event: MouseEvent) => {
        if (dragFrom === null) return;
        const time = timeAt(event);
        const from = Math.min(dragFrom, time);
        const to = Math.max(dragFrom, time);
        dragFrom = null;
        // A click without a drag keeps the current range.
        if (to - from < end / 500) return;
        state.range = [from, to];
        applyRange(from, to);
      });
    }
    const cursor = line(-10, pad.top, -10, height - pad.bottom, 'currentColor');
    cursor.setAttribute('stroke-opacity', '0.4');
    chart.appendChild(svg);
    const readout = document.createElement('div');
    readout.className = 'tlm-readout';
    chart.appendChild(readout);
    svg.addEventListener('mousemove', (event: MouseEvent) => {
      const box = svg.getBoundingClientRect();
      const time = ((event.clientX - box.left - pad.left) / (width - pad.left - pad.right)) * end;
      let nearest = 0;
      for (let index = 0; index < memory.time.length; index++) {
        if (Math.abs(memory.time[index] - time) < Math.abs(memory.time[nearest] - time)) nearest = index;
      }
      cursor.setAttribute('x1', String(x(memory.time[nearest])));
      cursor.setAttribute('x2', String(x(memory.time[nearest])));
      readout.textContent = `${(memory.time[nearest] / 1000).toFixed(3)} s: ${series
        .map(([key, name]) => `${name} ${human(memory[key!][nearest])}`)
        .join(' · ')}`;
    });
  }

  // ---- temporal range ----
  const seconds = (time: number) => `${(time / 1000).toFixed(3)} s`;
  function applyRange(from: number, to: number): void {
    const temporal = data.temporal;
    if (!temporal || !selectRange) return;
    const selection = selectRange(temporal, from, to);
    for (const index of temporal.nodes) {
      raw.self[index] = 0;
      raw.samples[index] = 0;
    }
    for (const [index, bytes] of selection.bytes) if (index >= 0) raw.self[index] = Math.round(bytes);
    for (const [index, count] of selection.counts) if (index >= 0) raw.samples[index] = count;
    data.markerTime = temporal.times[selection.snapshot];
    const status = role('temporal-status');
    if (status) {
      const range = state.range
        ? `${seconds(state.range[0])} to ${seconds(state.range[1])}`
        : 'the whole run';
      const what = temporal.leaks ? 'allocated in the range and live at its end' : 'high-water mark';
      status.textContent = `${range}: ${what}, ${human(selection.total)} (snapshot at ${seconds(data.markerTime)})`;
    }
    const fromInput = role('range-from');
    const toInput = role('range-to');
    if (fromInput && toInput) {
      fromInput.value = state.range ? (state.range[0] / 1000).toFixed(3) : '';
      toInput.value = state.range ? (state.range[1] / 1000).toFixed(3) : '';
    }
    drawSummary();
    rebuild();
  }
  // The summary's view-dependent parts follow the range: the bytes shown and the top allocators.
  function drawSummary(): void {
    let shown = 0;
    for (const bytes of raw.self) shown += bytes;
    const sampled = root.querySelector('[data-stat="sampled-bytes-in-this-view"]');
    if (sampled) sampled.textContent = human(shown);
    const list = role('top');
    if (!list || !topAllocators) return;
    list.textContent = '';
    const entries = topAllocators(data, 5);
    if (entries.length === 0) {
      const item = document.createElement('li');
      item.textContent = 'No sampled allocations.';
      list.appendChild(item);
    }
    for (const entry of entries) {
      const item = document.createElement('li');
      const size = document.createElement('strong');
      size.textContent = human(entry.bytes);
      item.appendChild(size);
      item.appendChild(document.createTextNode(` ${entry.name}`));
      if (entry.location) {
        const location = document.createElement('span');
        location.className = 'tlm-kinds';
        location.textContent = entry.location;
        item.appendChild(document.createTextNode(' '));
        item.appendChild(location);
      }
      list.appendChild(item);
    }
  }
  bind('temporal-reset', 'click', () => {
    state.range = null;
    applyRange(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  });
  // Typed bounds (for the keyboard, or exact times): applied once both make a range.
  const typedRange = () => {
    const from = Number.parseFloat(role('range-from')?.value ?? '');
    const to = Number.parseFloat(role('range-to')?.value ?? '');
    if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return;
    state.range = [from * 1000, to * 1000];
    applyRange(state.range[0], state.range[1]);
  };
  bind('range-from', 'change', typedRange);
  bind('range-to', 'change', typedRange);

  // ---- drawing when visible ----
  function drawAll(): void {
    drawFlame();
    drawChart();
    drawTable();
  }
  let scheduled = false;
  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      // A deck tab hidden with display:none has no width; draw once it gets one.
      const width = root.clientWidth;
      if (width === 0 || width === state.drawnWidth) return;
      state.drawnWidth = width;
      drawAll();
    });
  }
  state.tree = buildTree();
  drawTable();
  if (typeof ResizeObserver === 'function') new ResizeObserver(schedule).observe(root);
  window.addEventListener('tasklens:deck-tab-shown', () => {
    state.drawnWidth = -1;
    schedule();
  });
  schedule();
}
