import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from './columns.js';

export const serverRoles = ['web', 'database', 'mail', 'dns', 'ftp'] as const;
export type ServerRole = (typeof serverRoles)[number];

/**
 * A hosting machine under the panel. Customers live on one; its agent (`keel agent`) converges its
 * customers' resources there. The panel's own machine is the `local` server, created by the
 * migration and served by the in-process reconciler, so a single-machine Keel needs no setup.
 * Credentials are kept only as digests: the enrollment token works once, before its expiry, and is
 * exchanged for the agent's long-lived credential.
 */
export const servers = pgTable(
  'servers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    roles: text('roles', { enum: serverRoles }).array().notNull(),
    /** How many customers it should hold: placement prefers the most room left. */
    capacity: integer('capacity').notNull().default(500),
    /** The server group it belongs to, if any: a package bound to a group places its customers there only. */
    group: text('group_name'),
    local: boolean('local').notNull().default(false),
    lastSeenAt: timestampTz('last_seen_at'),
    /** The version of Keel its agent reported at its last heartbeat. */
    agentVersion: text('agent_version'),
    agentCredentialHash: text('agent_credential_hash'),
    enrollmentTokenHash: text('enrollment_token_hash'),
    enrollmentExpiresAt: timestampTz('enrollment_expires_at'),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
    updatedAt: timestampTz('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('servers_name_key').on(sql`lower(${table.name})`),
    uniqueIndex('servers_local_key').on(table.local).where(sql`${table.local}`),
    uniqueIndex('servers_agent_credential_key').on(table.agentCredentialHash),
    uniqueIndex('servers_enrollment_token_key').on(table.enrollmentTokenHash),
  ],
);
