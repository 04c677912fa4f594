/**
 * Operations logged while a run connects (its handshake retries), on their way to the transport
 * that starts once the server answered. Every one of them is also in the run's disk store, so
 * memory holds at most `limit`: past it the backlog remembers where on disk the rest begins
 * and lets the sender read them back from there (`catchUpFromDisk`).
 */
export class ConnectingBacklog<Operation, Position> {
  private kept: Operation[] = [];
  private overflowAt: Position | undefined;

  /**
   * @param limit Operations kept in memory at most.
   * @param position Where the store will put the next operation (read before it is stored).
   */
  constructor(
    private readonly limit: number,
    private readonly position: () => Position,
  ) {}

  /** Call before the operation goes to the store. */
  add(operation: Operation): void {
    if (this.overflowAt !== undefined) return;
    if (this.kept.length >= this.limit) {
      this.overflowAt = this.position();
      return;
    }
    this.kept.push(operation);
  }

  /** Operations held in memory. */
  get size(): number {
    return this.kept.length;
  }

  /** True once the backlog outgrew its limit (later operations are read back from disk). */
  get overflowed(): boolean {
    return this.overflowAt !== undefined;
  }

  /** Empties the backlog: what memory held, and where on disk the rest begins (if anything overflowed). */
  take(): { kept: Operation[]; diskFrom: Position | undefined } {
    const taken = { kept: this.kept, diskFrom: this.overflowAt };
    this.kept = [];
    this.overflowAt = undefined;
    return taken;
  }
}
