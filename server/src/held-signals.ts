import { createSignals, type ServerSignals, type Signals } from './context.js';

type HeldSignal = [event: keyof ServerSignals, args: unknown[]];

/**
 * Signals raised inside a transaction that spans many use cases, sent after it commits: a worker
 * woken earlier would find none of the changes yet, and a rollback must wake nobody. The same
 * signal with the same arguments is sent once.
 */
export function holdSignals(): { signals: Signals; release: (to: Signals) => void } {
  const signals = createSignals();
  const held = new Map<string, HeldSignal>();
  signals.emit = ((event: keyof ServerSignals, ...args: unknown[]) => {
    held.set(JSON.stringify([event, args]), [event, args]);
    return true;
  }) as Signals['emit'];
  const release = (to: Signals) => {
    for (const [event, args] of held.values())
      (to.emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
  };
  return { signals, release };
}
