import { eq, sql } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import type { CustomerRow } from '../access/visible-customer.js';
import { record } from '../audit/record.js';
import { claimingEmail } from '../auth/email-taken.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { users } from '../db/schema/users.js';
import { conflict } from '../errors/problem.js';
import { assertPackageVisibleToReseller } from '../packages/package-visibility.js';
import { mayChangeCustomerPackage, mayEditCustomer } from './customer-policy.js';
import {
  assertResellerExists,
  cleanCompany,
  cleanEmail,
  cleanName,
  fullNameOf,
  invalid,
  lockCustomer,
} from './customer-rules.js';
import { customerView } from './customers.queries.js';
import type { Customer } from './customers.schemas.js';

export interface UpdateCustomerInput {
  firstName?: string;
  lastName?: string;
  /** null or blank clears it. */
  company?: string | null;
  email?: string;
  /** Admins only; null makes it the admins' own customer. */
  resellerId?: string | null;
  packageId?: string | null;
  /** When given and not the current version: 409, nothing changed. */
  version?: number;
}

type Editable = Pick<
  CustomerRow,
  'firstName' | 'lastName' | 'company' | 'email' | 'resellerId' | 'packageId'
>;

/**
 * Edits a customer under a row lock, so two editors with the same version get one 200 and one
 * 409. The login user's email and name change with it; the audit event lists each changed field.
 * A new package is refused (409 `customer-moving`) while the customer is being moved.
 */
export async function updateCustomer(
  ctx: Context,
  id: string,
  input: UpdateCustomerInput,
): Promise<Customer> {
  const isReseller = ctx.actor.kind === 'user' && ctx.actor.user.role === 'reseller';
  if (isReseller && input.resellerId !== undefined) invalid('resellerId', 'only admins choose the reseller');
  const wanted: Partial<Editable> = {
    ...(input.firstName !== undefined && { firstName: cleanName(input.firstName, 'firstName') }),
    ...(input.lastName !== undefined && { lastName: cleanName(input.lastName, 'lastName') }),
    ...(input.company !== undefined && { company: cleanCompany(input.company) }),
    ...(input.email !== undefined && { email: cleanEmail(input.email) }),
    ...(input.resellerId !== undefined && { resellerId: input.resellerId }),
    ...(input.packageId !== undefined && { packageId: input.packageId }),
  };
  return claimingEmail(wanted.email ?? '', () =>
    ctx.db.transaction(async (tx) => {
      const current = await lockCustomer(tx, ctx.actor, id);
      if (input.version !== undefined && input.version !== current.version) {
        throw conflict(
          `The customer was changed meanwhile (version ${current.version}, not ${input.version}); reload and try again.`,
          'stale-version',
        );
      }
      enforce(mayEditCustomer(ctx.actor, current));
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [field, to] of Object.entries(wanted) as [keyof Editable, unknown][]) {
        if (current[field] !== to) changes[field] = { from: current[field], to };
      }
      if (Object.keys(changes).length === 0) return customerView(tx, ctx.actor, id);
      if (changes.packageId) enforce(mayChangeCustomerPackage(ctx.actor, current));
      const next = { ...current, ...wanted };
      if (changes.resellerId && next.resellerId) await assertResellerExists(tx, next.resellerId);
      if ((changes.packageId || changes.resellerId) && next.packageId) {
        await assertPackageVisibleToReseller(tx, next.packageId, next.resellerId);
      }
      const now = ctx.now();
      await tx
        .update(customers)
        .set({ ...wanted, version: sql`${customers.version} + 1`, updatedAt: now })
        .where(eq(customers.id, id));
      if (changes.email || changes.firstName || changes.lastName) {
        await tx
          .update(users)
          .set({ email: next.email, name: fullNameOf(next), updatedAt: now })
          .where(eq(users.id, current.userId));
      }
      await record(tx, ctx, {
        action: 'customer.updated',
        customerId: id,
        resellerId: next.resellerId,
        target: { type: 'customer', id },
        details: { changes },
      });
      return customerView(tx, ctx.actor, id);
    }),
  );
}
