import { and, desc, eq } from 'drizzle-orm';
import { customerScope } from '../access/scope.js';
import type { CustomerRow } from '../access/visible-customer.js';
import { record } from '../audit/record.js';
import { endImpersonationsOf, revokeAccess } from '../auth/sessions.js';
import { purgeCustomerBackups } from '../backups/purge-backups.js';
import type { Context } from '../context.js';
import type { Transaction } from '../db/database.js';
import { auditEvents } from '../db/schema/audit.js';
import { customers } from '../db/schema/customers.js';
import { servers } from '../db/schema/servers.js';
import { users } from '../db/schema/users.js';
import { neverApplied } from '../hosting/hosted-resources.js';
import type { HostedTable } from '../hosting/resource-kind.js';
import type { CustomerHomes } from '../provisioning/drivers/files/customer-homes.js';
import type { ServedByRole } from '../provisioning/served-by-role.js';
import { fullNameOf } from './customer-rules.js';

/**
 * One step of a purge. It runs under the customer's row lock and must be idempotent: a purge
 * interrupted anywhere is simply run again ("already gone" is success). A step answers
 * `waiting` when something outside the database (the reconciler) still has work to do; the
 * purge stops there and is retried on the next wake-up or sweep.
 */
export interface PurgeStep {
  name: string;
  run(
    tx: Transaction,
    customer: CustomerRow,
    ctx: Context,
    services: PurgeServices,
  ): Promise<'done' | 'waiting'>;
}

/** What a purge removes outside the database itself: every kind's resources, the home, the backups. */
export interface PurgeServices {
  kinds: readonly { table: HostedTable; servedBy?: ServedByRole }[];
  homes: CustomerHomes;
  /** KEEL_BACKUP_DIR: the customer's repository below it goes. */
  backupDir: string;
}

/** Nobody acts as the customer any more: its sessions, API tokens and impersonations end. */
const accessEnded: PurgeStep = {
  name: 'access',
  async run(tx, customer) {
    await revokeAccess(tx, customer.userId);
    await endImpersonationsOf(tx, customer.userId);
    return 'done';
  },
};

/**
 * Every hosting resource is gone from its service. One its service never applied has nothing to
 * take down and goes at once. The others are `absent` for the reconciler, which removes them from
 * nginx, MariaDB … and then deletes their rows and emits `purgeRequested`; until the last row is
 * gone the purge waits, and the customer shows what it waits for (purge-progress.ts).
 */
const resourcesGone: PurgeStep = {
  name: 'resources',
  async run(tx, customer, ctx, services) {
    let waiting = false;
    for (const kind of services.kinds) {
      const { table } = kind;
      const owned = eq(table.customerId, customer.id);
      await tx.delete(table).where(and(owned, neverApplied(kind, ctx.now())));
      const [left] = await tx.select({ id: table.id }).from(table).where(owned).limit(1);
      if (left) waiting = true;
    }
    return waiting ? 'waiting' : 'done';
  },
};

/**
 * The home directory, with whatever files are left in it, is removed: here when the customer lives
 * on the panel's own machine, else by its server's agent, which reports it (purged-homes.ts).
 */
const filesGone: PurgeStep = {
  name: 'files',
  async run(tx, customer, _ctx, services) {
    if (customer.homeRemovedAt) return 'done';
    const [server] = await tx
      .select({ local: servers.local })
      .from(servers)
      .where(eq(servers.id, customer.serverId));
    if (!server?.local) return 'waiting';
    await services.homes.removeHome(customer.id);
    return 'done';
  },
};

/**
 * Its backup repository and the key to it (destroyed, or kept for a while under `purged/`): after
 * the files, so nothing is left to back up.
 */
const backupsGone: PurgeStep = {
  name: 'backups',
  run: (tx, customer, ctx, services) => purgeCustomerBackups(tx, ctx, customer, services.backupDir),
};

/** In order; the customer's own rows go only after every step is done. Later services add theirs. */
export const purgeSteps: PurgeStep[] = [accessEnded, resourcesGone, filesGone, backupsGone];

export type PurgeOutcome =
  | { outcome: 'purged'; customer: { id: string; email: string; name: string } }
  | { outcome: 'waiting'; step: string }
  /** Another purge of this customer holds the lock right now. */
  | { outcome: 'busy' }
  | { outcome: 'gone' }
  /** Not soft-deleted with a started purge: `startCustomerPurge` comes first. */
  | { outcome: 'not-started' };

async function whoStartedPurge(tx: Transaction, customerId: string) {
  const [started] = await tx
    .select({ id: auditEvents.actorId, email: auditEvents.actorEmail, role: auditEvents.actorRole })
    .from(auditEvents)
    .where(and(eq(auditEvents.customerId, customerId), eq(auditEvents.action, 'customer.purge_started')))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return started ?? null;
}

/**
 * Carries a started purge forward: runs the steps, then deletes the customer and its login user
 * (freeing the email) and records `customer.purged` with the customer's identity and who asked
 * for the purge, so the log keeps that it existed. Idempotent and safe to interrupt; one purge
 * per customer at a time (a second finds the row locked and answers `busy`).
 */
export async function purgeCustomer(
  ctx: Context,
  id: string,
  services: PurgeServices,
): Promise<PurgeOutcome> {
  return ctx.db.transaction(async (tx): Promise<PurgeOutcome> => {
    const visible = and(eq(customers.id, id), customerScope(ctx.actor));
    const [customer] = await tx.select().from(customers).where(visible).for('update', { skipLocked: true });
    if (!customer) {
      const [exists] = await tx.select({ id: customers.id }).from(customers).where(visible);
      return { outcome: exists ? 'busy' : 'gone' };
    }
    if (customer.status !== 'deleted' || !customer.purgeStartedAt) return { outcome: 'not-started' };
    for (const step of purgeSteps) {
      if ((await step.run(tx, customer, ctx, services)) === 'waiting')
        return { outcome: 'waiting', step: step.name };
    }
    const requestedBy = await whoStartedPurge(tx, id);
    await tx.delete(customers).where(eq(customers.id, id));
    await tx.delete(users).where(eq(users.id, customer.userId));
    const name = fullNameOf(customer);
    await record(tx, ctx, {
      action: 'customer.purged',
      customerId: id,
      resellerId: customer.resellerId,
      target: { type: 'customer', id },
      details: {
        email: customer.email,
        name,
        company: customer.company,
        resellerId: customer.resellerId,
        packageId: customer.packageId,
        createdAt: customer.createdAt,
        deletedAt: customer.deletedAt,
        purgeStartedAt: customer.purgeStartedAt,
        requestedBy,
      },
    });
    return { outcome: 'purged', customer: { id, email: customer.email, name } };
  });
}
