import { countBackupJobs } from '../backups/count-backup-jobs.js';
import type { Database } from '../db/database.js';
import { type ClaimedKind, countUnconverged, kindLabel } from '../provisioning/claims.js';
import { listServers } from '../servers/servers.queries.js';
import { metricsRegistry } from './metrics-registry.js';
import { backgroundJobs, serversOffline, serversOnline, unconvergedResources } from './reconciler-metrics.js';

/**
 * The Prometheus text of this process's metrics, with the gauges that live in the database
 * (the reconciler's queue per server, servers online, background jobs) read now: a scrape sees
 * them as they are.
 */
export async function readMetrics(db: Database, kinds: readonly ClaimedKind[], now: Date): Promise<string> {
  const queues = await Promise.all(
    kinds.map(async (kind) => ({ kind: kindLabel(kind), servers: await countUnconverged(db, kind) })),
  );
  // Everything read first, then set at once: a server removed or renamed leaves no stale series.
  unconvergedResources.reset();
  for (const { kind, servers } of queues) {
    for (const { server, count } of servers) unconvergedResources.set({ kind, server }, count);
  }
  const servers = await listServers(db, now);
  serversOnline.set(servers.filter((server) => server.status === 'online').length);
  serversOffline.set(servers.filter((server) => server.status === 'offline').length);
  for (const { kind, state, count } of await countBackupJobs(db)) {
    backgroundJobs.set({ kind, state }, count);
  }
  return metricsRegistry.metrics();
}
