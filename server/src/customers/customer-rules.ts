import { eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { type CustomerRow, visibleCustomer } from '../access/visible-customer.js';
import type { Queryable } from '../db/database.js';
import { resellers } from '../db/schema/resellers.js';
import { badRequest, type FieldError, unprocessable } from '../errors/problem.js';
import { movingCustomers } from '../moves/moving-customers.js';
import { companyMaxLength, nameMaxLength, reasonMaxLength } from './customers.schemas.js';

/**
 * The input rules of the customer use cases, applied again behind the HTTP schemas so the CLI
 * and tests that call the use cases directly get the same answers.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const controlCharacters = /[\u0000-\u001f\u007f]/;

export function invalid(field: string, message: string): never {
  throw badRequest('Some fields are invalid.', [{ field, message }]);
}

export function cleanName(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) invalid(field, 'must not be blank');
  if ([...trimmed].length > nameMaxLength) invalid(field, `must be at most ${nameMaxLength} characters`);
  if (controlCharacters.test(trimmed)) invalid(field, 'must not contain control characters');
  return trimmed;
}

/** An empty or blank company means none. */
export function cleanCompany(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if ([...trimmed].length > companyMaxLength)
    invalid('company', `must be at most ${companyMaxLength} characters`);
  if (controlCharacters.test(trimmed)) invalid('company', 'must not contain control characters');
  return trimmed;
}

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed and lower-cased, as the users' unique index compares them. */
export function cleanEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !emailShape.test(email)) invalid('email', 'must be an email address');
  return email;
}

export function cleanReason(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if ([...trimmed].length > reasonMaxLength)
    invalid('reason', `must be at most ${reasonMaxLength} characters`);
  return trimmed;
}

/** The user's display name kept in step with the customer's names. */
export const fullNameOf = (customer: { firstName: string; lastName: string }) =>
  `${customer.firstName} ${customer.lastName}`;

/** A locked customer with what the lifecycle rules also ask: whether a move of it is under way. */
export type LockedCustomer = CustomerRow & { moving: boolean };

/** The customer, locked for the rest of the transaction; 404 when the actor may not see it. */
export async function lockCustomer(tx: Queryable, actor: Actor, id: string): Promise<LockedCustomer> {
  const customer = await visibleCustomer(tx, actor, id, { lock: true });
  return { ...customer, moving: (await movingCustomers(tx, [customer.id])).has(customer.id) };
}

/** A reseller assigns only its own customers: the field is the admins'. */
export function resellerOfNewCustomer(actor: Actor, requested: string | null | undefined): string | null {
  if (actor.kind === 'user' && actor.user.role === 'reseller') {
    if (requested !== undefined) invalid('resellerId', 'only admins choose the reseller');
    return actor.user.resellerId;
  }
  return requested ?? null;
}

/** The reseller exists (share-locked, so it cannot be deleted under the assignment); else 422. */
export async function assertResellerExists(tx: Queryable, resellerId: string): Promise<void> {
  const [found] = await tx
    .select({ id: resellers.id })
    .from(resellers)
    .where(eq(resellers.id, resellerId))
    .for('share');
  if (!found) {
    const errors: FieldError[] = [{ field: 'resellerId', message: 'is not an existing reseller' }];
    throw unprocessable('There is no such reseller.', errors);
  }
}
