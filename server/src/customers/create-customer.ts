import { record } from '../audit/record.js';
import { claimingEmail } from '../auth/email-taken.js';
import { generateFirstPassword, insertLoginUser } from '../auth/new-login.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { assertPackageVisibleToReseller } from '../packages/package-visibility.js';
import { placeCustomer } from '../servers/place-customer.js';
import {
  assertResellerExists,
  cleanCompany,
  cleanEmail,
  cleanName,
  fullNameOf,
  resellerOfNewCustomer,
} from './customer-rules.js';
import { customerView } from './customers.queries.js';
import type { Customer } from './customers.schemas.js';

export interface CreateCustomerInput {
  firstName: string;
  lastName: string;
  company?: string | null;
  email: string;
  /** Admins only; a reseller's customers are always its own. */
  resellerId?: string | null;
  packageId?: string | null;
  /** Admins only; left out, the customer is placed on the online server with the most room. */
  serverId?: string;
}

/**
 * Creates a customer and its login user in one transaction, with a generated password that is
 * returned this once. The users' unique email index decides a race between two creates (409).
 */
export async function createCustomer(
  ctx: Context,
  input: CreateCustomerInput,
): Promise<{ customer: Customer; password: string }> {
  const firstName = cleanName(input.firstName, 'firstName');
  const lastName = cleanName(input.lastName, 'lastName');
  const company = cleanCompany(input.company);
  const email = cleanEmail(input.email);
  const resellerId = resellerOfNewCustomer(ctx.actor, input.resellerId);
  const { password, passwordHash } = await generateFirstPassword(ctx.db, {
    email,
    names: [firstName, lastName],
  });
  const now = ctx.now();
  const customer = await claimingEmail(email, () =>
    ctx.db.transaction(async (tx) => {
      if (resellerId) await assertResellerExists(tx, resellerId);
      const packageId = input.packageId ?? null;
      if (packageId) await assertPackageVisibleToReseller(tx, packageId, resellerId);
      const serverId = await placeCustomer(tx, {
        actor: ctx.actor,
        requestedServerId: input.serverId,
        packageId,
        now,
      });
      const user = await insertLoginUser(tx, {
        email,
        name: fullNameOf({ firstName, lastName }),
        role: 'customer',
        passwordHash,
        passwordSetByOperator: true,
        now,
      });
      const [created] = await tx
        .insert(customers)
        .values({
          userId: user.id,
          resellerId,
          packageId,
          serverId,
          firstName,
          lastName,
          company,
          email,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: customers.id });
      if (!created) throw new Error('customer insert returned nothing');
      await record(tx, ctx, {
        action: 'customer.created',
        customerId: created.id,
        resellerId,
        target: { type: 'customer', id: created.id },
        details: { firstName, lastName, company, email, resellerId, packageId, serverId },
      });
      return customerView(tx, ctx.actor, created.id);
    }),
  );
  return { customer, password };
}
