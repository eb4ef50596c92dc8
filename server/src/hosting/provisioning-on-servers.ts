import { inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { servers } from '../db/schema/servers.js';
import { serverStatus } from '../servers/server-status.js';
import { effectiveState, type OwnerState } from './effective-state.js';
import type { ProvisioningView, ReconciledRow } from './provisioning-view.js';
import type { AnyResourceKind } from './resource-kind.js';

interface OnServer {
  resourceId: string;
  serverId: string;
  appliedGeneration: number;
  appliedState: string | null;
  provisioningState: 'pending' | 'ready' | 'error';
  provisioningError: string | null;
  provisioningUpdatedAt: Date;
}

type Row = ReconciledRow & { id: string };

/**
 * The provisioning of resources every server of a role serves (DNS zones on every name server):
 * ready once each server with the role has applied what the panel wants now; otherwise `error`
 * when one failed, else `pending`, and `error` names the servers it waits for ("Waiting for server
 * ns2 (offline)", or with the reason a server gave). Null for a kind served by its customer's server alone: its row says.
 */
export async function provisioningOnServers(
  db: Queryable,
  kind: AnyResourceKind,
  rows: readonly Row[],
  owner: OwnerState,
  now: Date,
): Promise<Map<string, ProvisioningView> | null> {
  const { servedBy } = kind;
  if (!servedBy || rows.length === 0) return null;
  const serving = await db
    .select({ id: servers.id, name: servers.name, local: servers.local, lastSeenAt: servers.lastSeenAt })
    .from(servers)
    .where(sql`${servedBy.role}::text = any(${servers.roles})`);
  const applied = (await db
    .select()
    .from(servedBy.table)
    .where(
      inArray(
        servedBy.table.resourceId,
        rows.map((row) => row.id),
      ),
    )) as unknown as OnServer[];
  const byKey = new Map(applied.map((entry) => [`${entry.resourceId}/${entry.serverId}`, entry]));
  const views = new Map<string, ProvisioningView>();
  for (const row of rows) {
    const wanted = effectiveState(row, owner, kind.statusStates);
    const entries = serving.map((server) => ({ server, entry: byKey.get(`${row.id}/${server.id}`) }));
    const lagging = entries.filter(
      ({ entry }) =>
        entry?.provisioningState !== 'ready' ||
        entry.appliedGeneration !== row.desiredGeneration ||
        entry.appliedState !== wanted,
    );
    const updatedAt = new Date(
      Math.max(
        row.provisioningUpdatedAt.getTime(),
        ...entries.map(({ entry }) => entry?.provisioningUpdatedAt.getTime() ?? 0),
      ),
    ).toISOString();
    if (serving.length > 0 && lagging.length === 0) {
      views.set(row.id, { state: 'ready', error: null, updatedAt });
      continue;
    }
    const reasons = lagging.flatMap(({ server, entry }) => {
      if (serverStatus(server, now) === 'offline') return [`server ${server.name} (offline)`];
      return entry?.provisioningError ? [`server ${server.name}: ${entry.provisioningError}`] : [];
    });
    const failed = lagging.some(({ entry }) => entry?.provisioningState === 'error');
    const error =
      serving.length === 0
        ? `No server has the ${servedBy.role} role.`
        : reasons.length > 0
          ? `Waiting for ${reasons.join('; ')}`
          : null;
    views.set(row.id, { state: failed ? 'error' : 'pending', error, updatedAt });
  }
  return views;
}
