import type { Database } from '../db/database.js';
import type { DriftLog } from './drift.js';
import type { KindOnService } from './services.js';

/**
 * The sweep's second half: each kind that shows something only its service knows (a mailbox's
 * used space) reads it from its driver and records it. One kind failing stops no other.
 */
export async function observeServices(db: Database, kinds: readonly KindOnService[], log?: DriftLog) {
  for (const { kind, driver } of kinds) {
    if (!kind.observe || !driver) continue;
    try {
      await kind.observe(db, driver);
    } catch (error) {
      log?.error({ err: error }, `reading what ${kind.plural} use failed`);
    }
  }
}
