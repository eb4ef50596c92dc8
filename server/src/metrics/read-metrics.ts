import { countBackupJobs } from '../backups/count-backup-jobs.js';
import type { Database } from '../db/database.js';
import { type ClaimedKind, countUnconverged, kindLabel } from '../provisioning/claims.js';
import { metricsRegistry } from './metrics-registry.js';
import { backgroundJobs, unconvergedResources } from './reconciler-metrics.js';

/**
 * The Prometheus text of this process's metrics, with the gauges that live in the database
 * (the reconciler's queue, background jobs) read now: a scrape sees them as they are.
 */
export async function readMetrics(db: Database, kinds: readonly ClaimedKind[]): Promise<string> {
  for (const kind of kinds) {
    unconvergedResources.set({ kind: kindLabel(kind) }, await countUnconverged(db, kind));
  }
  for (const { kind, state, count } of await countBackupJobs(db)) {
    backgroundJobs.set({ kind, state }, count);
  }
  return metricsRegistry.metrics();
}
