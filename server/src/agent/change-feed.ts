import type { Signals } from '../context.js';

/**
 * Counts the panel's "resources changed" and "backup job queued" signals so an agent's long poll neither misses a change
 * made between two polls (it passes the count it last saw) nor holds a connection busy: it waits
 * until the count moves past that, or the poll's time is up.
 */
export class ChangeFeed {
  private changes = 0;
  private readonly waiting = new Set<() => void>();
  private readonly changed = () => {
    this.changes += 1;
    this.wakeAll();
  };

  constructor(private readonly signals: Signals) {
    signals.on('resourcesChanged', this.changed);
    signals.on('backupJobQueued', this.changed);
  }

  /** The count once it is past `seen`, or as it is after `timeoutMs`. */
  async after(seen: number, timeoutMs: number): Promise<number> {
    if (this.changes !== seen) return this.changes;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiting.add(done);
    });
    return this.changes;
  }

  /** Answers every open poll at once: the panel is stopping and must not wait for them. */
  close(): void {
    this.signals.off('resourcesChanged', this.changed);
    this.signals.off('backupJobQueued', this.changed);
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const done of [...this.waiting]) done();
  }
}
