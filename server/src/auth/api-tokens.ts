import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { ApiScope } from '../access/scopes.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { iso, isoOrNull } from '../contract/schemas.js';
import type { Queryable } from '../db/database.js';
import { apiTokens } from '../db/schema/sessions.js';
import { badRequest, forbidden, notFound, unprocessable } from '../errors/problem.js';
import { addressRangeProblem } from './address-ranges.js';
import type { CreateApiTokenBody } from './auth.schemas.js';
import { digestSecret, newSecret } from './secrets.js';

function ownUser(ctx: Context) {
  if (ctx.actor.kind !== 'user') throw forbidden('API tokens belong to users.');
  return ctx.actor.user;
}

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  scopes: apiTokens.scopes,
  expiresAt: apiTokens.expiresAt,
  allowedIps: apiTokens.allowedIps,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  lastUsedIp: apiTokens.lastUsedIp,
};

type TokenRow = Pick<typeof apiTokens.$inferSelect, keyof typeof tokenColumns>;

const present = (row: TokenRow) => ({
  ...row,
  scopes: row.scopes as ApiScope[],
  expiresAt: isoOrNull(row.expiresAt),
  createdAt: iso(row.createdAt),
  lastUsedAt: isoOrNull(row.lastUsedAt),
});

/** The allowed addresses as given, trimmed; an entry that is no address or range is a 400. */
function allowedAddresses(entries: readonly string[]): string[] {
  const trimmed = entries.map((entry) => entry.trim());
  const errors = trimmed.flatMap((entry, index) => {
    const problem = addressRangeProblem(entry);
    return problem ? [{ field: `allowedIps.${index}`, message: problem }] : [];
  });
  if (errors.length > 0) throw badRequest('Some allowed addresses are not addresses or CIDR ranges.', errors);
  return trimmed;
}

export async function listApiTokens(ctx: Context) {
  const user = ownUser(ctx);
  const rows = await ctx.db
    .select(tokenColumns)
    .from(apiTokens)
    .where(eq(apiTokens.userId, user.id))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(present);
}

/**
 * A new token for scripts; the secret is returned this once and only its digest is kept. Scopes,
 * an expiry and allowed addresses limit it; without them it acts with the user's full role.
 */
export async function createApiToken(ctx: Context, input: CreateApiTokenBody) {
  const user = ownUser(ctx);
  if (ctx.actor.kind === 'user' && ctx.actor.impersonator) {
    throw forbidden('API tokens cannot be created while impersonating a customer.');
  }
  const allowedIps = allowedAddresses(input.allowedIps ?? []);
  const now = ctx.now();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) {
    throw unprocessable('The expiry must be in the future.', [
      { field: 'expiresAt', message: 'must be in the future' },
    ]);
  }
  const scopes = input.scopes ?? [];
  const token = `keel_${newSecret()}`;
  return ctx.db.transaction(async (tx) => {
    const [apiToken] = await tx
      .insert(apiTokens)
      .values({
        userId: user.id,
        name: input.name.trim(),
        tokenHash: digestSecret(token),
        scopes,
        expiresAt,
        allowedIps,
        createdAt: now,
      })
      .returning(tokenColumns);
    if (!apiToken) throw new Error('token insert returned nothing');
    await record(tx, ctx, {
      action: 'auth.token_created',
      customerId: user.customerId,
      target: { type: 'api_token', id: apiToken.id },
      details: { name: apiToken.name, scopes, expiresAt: isoOrNull(expiresAt), allowedIps },
    });
    return { token, apiToken: present(apiToken) };
  });
}

/** One of the caller's own tokens; anyone else's is not found, as revoking it would say. */
export async function findOwnApiToken(db: Queryable, actor: Actor, id: string): Promise<void> {
  if (actor.kind !== 'user') throw notFound('API token');
  const [found] = await db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.user.id)));
  if (!found) throw notFound('API token');
}

export async function revokeApiToken(ctx: Context, id: string): Promise<void> {
  const user = ownUser(ctx);
  await ctx.db.transaction(async (tx) => {
    const [revoked] = await tx
      .delete(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, user.id)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (!revoked) throw notFound('API token');
    await record(tx, ctx, {
      action: 'auth.token_revoked',
      customerId: user.customerId,
      target: { type: 'api_token', id: revoked.id },
      details: { name: revoked.name },
    });
  });
}
