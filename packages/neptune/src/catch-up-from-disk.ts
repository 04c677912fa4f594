import type { TrackingTransport } from '@tasklens/core/plugin';

/** One page of stored operations and where the next page starts; an empty page is the end. */
export interface StoredPage<Event, Position> {
  events: Event[];
  next: Position;
}

/**
 * Sends a run's stored operations from `from` on, one page at a time, each page delivered before
 * the next is read, so memory holds one page however long the backlog. When a read finds
 * nothing more, `caughtUp` runs in the same turn (so no operation logged meanwhile is missed or
 * sent twice) and the caller switches to sending new operations directly. If the transport
 * stops delivering (offline), the rest simply stays on disk for sync.
 */
export async function catchUpFromDisk<Event, Position>(
  transport: TrackingTransport<Event>,
  from: Position,
  readPage: (from: Position) => StoredPage<Event, Position>,
  caughtUp: () => void,
): Promise<void> {
  let position = from;
  for (;;) {
    const page = readPage(position);
    if (page.events.length === 0) {
      caughtUp();
      return;
    }
    position = page.next;
    for (const event of page.events) transport.enqueue(event);
    await transport.flush();
    if (transport.mode !== 'online') return;
  }
}
