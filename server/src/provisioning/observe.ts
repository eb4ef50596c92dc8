import type { DriftLog } from './drift.js';
import type { ReconcilerStore } from './reconciler-store.js';
import type { KindOnService } from './services.js';

/**
 * The sweep's second half: each kind that shows something only its service knows (a mailbox's
 * used space) measures it with its driver and hands it to the panel. One kind failing stops no other.
 */
export async function observeServices(
  store: ReconcilerStore,
  kinds: readonly KindOnService[],
  log?: DriftLog,
) {
  for (const { kind, driver } of kinds) {
    if (!kind.observe || !driver) continue;
    try {
      await store.recordMeasured(kind, await kind.observe.measure(driver));
    } catch (error) {
      log?.error({ err: error }, `reading what ${kind.plural} use failed`);
    }
  }
}
