import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { AnyResourceKind, HostedTable } from '../hosting/resource-kind.js';
import type { ResourceReadiness } from './backup-job-store.js';
import { type BackupPart, backupParts } from './backup-parts.js';
import { recreateMissing } from './recreate-resources.js';
import { restoreZoneRecords } from './restore-zone-records.js';

/** The kind of resource each part brings back when it is missing. */
const kindOfPart: Record<BackupPart, string> = {
  files: 'website',
  databases: 'database',
  mailboxes: 'mailbox',
  dnsZones: 'dns_zone',
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A restore's part on the panel: every resource of its parts that the customer lost since the
 * backup is made again (with the id it had), then the zones get the records the backup holds.
 * Each is tried on its own; answers what failed, with why.
 */
export async function restoreResources(
  ctx: Context,
  kinds: readonly AnyResourceKind[],
  job: { customerId: string; parts: readonly string[] },
  resources: Record<string, Record<string, unknown>[]>,
): Promise<string[]> {
  const failures: string[] = [];
  const attempt = (what: string, step: () => Promise<unknown>) =>
    step().catch((error) => failures.push(`${what}: ${message(error)}`));
  const kindOf = (noun: string) => kinds.find((kind) => kind.noun === noun);
  const parts = backupParts.filter((part) => job.parts.includes(part));
  for (const part of parts) {
    const kind = kindOf(kindOfPart[part]);
    const stored = resources[kindOfPart[part]] ?? [];
    if (kind && stored.length > 0)
      await attempt(`the ${kind.plural}`, () => recreateMissing(ctx, kind, job.customerId, stored));
  }
  const zones = kindOf('dns_zone');
  if (parts.includes('dnsZones') && zones) {
    await attempt('the DNS records', () =>
      restoreZoneRecords(ctx, zones, job.customerId, resources.dns_zone ?? []),
    );
  }
  return failures;
}

const nameColumn = { database: 'name', mailbox: 'address' } as const;

/** Whether the service has made the customer's live database or mailbox named so: a restore waits for it. */
export async function resourceReadiness(
  db: Queryable,
  kinds: readonly AnyResourceKind[],
  customerId: string,
  noun: keyof typeof nameColumn,
  name: string,
): Promise<ResourceReadiness> {
  const kind = kinds.find((candidate) => candidate.noun === noun);
  if (!kind) return { state: 'gone' };
  const table: HostedTable = kind.table;
  const [row] = await db
    .select()
    .from(table)
    .where(
      and(
        eq(table.customerId, customerId),
        isNull(table.removedAt),
        eq((table as never)[nameColumn[noun]], name),
      ),
    );
  const found = row as
    | { id: string; provisioningState: string; provisioningError: string | null; appliedState: string | null }
    | undefined;
  if (!found) return { state: 'gone' };
  if (found.provisioningState === 'ready' && found.appliedState !== null)
    return { state: 'ready', id: found.id };
  return { state: 'waiting', error: found.provisioningError };
}
