import { index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { appliedColumns } from '../db/schema/reconciled.js';
import { servers } from '../db/schema/servers.js';
import { dnsZones } from './dns-zones.table.js';

/**
 * Each zone as each name server (a server with the `dns` role) applied it: every one serves every
 * customer's zones, so a zone's applied state is per server (provisioning/served-by-role.ts).
 * A row appears when that server's reconciler first claims the zone and goes once it took it off.
 */
export const dnsZoneServers = pgTable(
  'dns_zone_servers',
  {
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => dnsZones.id, { onDelete: 'cascade' }),
    serverId: uuid('server_id')
      .notNull()
      .references(() => servers.id, { onDelete: 'cascade' }),
    ...appliedColumns(),
  },
  (table) => [
    primaryKey({ columns: [table.resourceId, table.serverId] }),
    index('dns_zone_servers_server_id_idx').on(table.serverId),
  ],
);
