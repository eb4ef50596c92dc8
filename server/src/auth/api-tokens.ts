import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { iso, isoOrNull } from '../contract/schemas.js';
import type { Queryable } from '../db/database.js';
import { apiTokens } from '../db/schema/sessions.js';
import { forbidden, notFound } from '../errors/problem.js';
import { digestSecret, newSecret } from './secrets.js';

function ownUser(ctx: Context) {
  if (ctx.actor.kind !== 'user') throw forbidden('API tokens belong to users.');
  return ctx.actor.user;
}

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
};

const present = (row: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }) => ({
  ...row,
  createdAt: iso(row.createdAt),
  lastUsedAt: isoOrNull(row.lastUsedAt),
});

export async function listApiTokens(ctx: Context) {
  const user = ownUser(ctx);
  const rows = await ctx.db
    .select(tokenColumns)
    .from(apiTokens)
    .where(eq(apiTokens.userId, user.id))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(present);
}

/** A new token for scripts; the secret is returned this once and only its digest is kept. */
export async function createApiToken(ctx: Context, input: { name: string }) {
  const user = ownUser(ctx);
  if (ctx.actor.kind === 'user' && ctx.actor.impersonator) {
    throw forbidden('API tokens cannot be created while impersonating a customer.');
  }
  const token = `keel_${newSecret()}`;
  return ctx.db.transaction(async (tx) => {
    const [apiToken] = await tx
      .insert(apiTokens)
      .values({
        userId: user.id,
        name: input.name.trim(),
        tokenHash: digestSecret(token),
        createdAt: ctx.now(),
      })
      .returning(tokenColumns);
    if (!apiToken) throw new Error('token insert returned nothing');
    await record(tx, ctx, {
      action: 'auth.token_created',
      customerId: user.customerId,
      target: { type: 'api_token', id: apiToken.id },
      details: { name: apiToken.name },
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
