import { and, eq, lt } from 'drizzle-orm';
import type { Origin, UserActor } from '../access/actor.js';
import type { ApiScope } from '../access/scopes.js';
import { record } from '../audit/record.js';
import type { Database } from '../db/database.js';
import { apiTokens, sessions } from '../db/schema/sessions.js';
import { mustSetUpTwoFactor } from '../two-factor/two-factor-rule.js';
import { addressAllowed } from './address-ranges.js';
import { findApiTokenByToken, findSessionByToken } from './credential-lookup.js';
import { impersonationExpired, mayImpersonate } from './impersonation-rules.js';
import { mustChooseOwnPassword } from './password-change-rule.js';
import { endSession, type SessionRow } from './sessions.js';

// Writing last-seen on every request would turn each read into a write; 15 seconds is precise
// enough (a new address is written at once).
const touchEveryMs = 15_000;

/** A customer whose account is not active has no panel access of its own. */
const mayUseOwnAccess = (loaded: { customerStatus: string | null }) =>
  loaded.customerStatus === null || loaded.customerStatus === 'active';

export type ApiTokenResolution = { actor: UserActor; refusal?: undefined } | { actor: null; refusal: string };

/**
 * The actor of a Bearer token, or why it is refused (401): unknown or revoked, its user's account
 * not active, past its expiry, or used from an address outside its allowed ranges. Records when
 * and from where it was last used.
 */
export async function actorFromApiToken(
  db: Database,
  token: string,
  now: Date,
  origin: Origin,
): Promise<ApiTokenResolution> {
  const found = await findApiTokenByToken(db, token);
  const { token: apiToken, owner } = found ?? {};
  if (!apiToken || !owner || !mayUseOwnAccess(owner)) {
    return { actor: null, refusal: 'The API token is invalid or revoked.' };
  }
  const refusal =
    apiToken.expiresAt && apiToken.expiresAt <= now
      ? 'The API token has expired.'
      : !addressAllowed(apiToken.allowedIps, origin.ip)
        ? 'The API token is not allowed from this address.'
        : null;
  if (refusal) {
    await record(
      db,
      { actor: null, origin },
      {
        action: 'auth.token_refused',
        customerId: owner.user.customerId,
        target: { type: 'api_token', id: apiToken.id },
        details: { name: apiToken.name, reason: refusal },
      },
    );
    return { actor: null, refusal };
  }
  const stale = !apiToken.lastUsedAt || now.getTime() - apiToken.lastUsedAt.getTime() > touchEveryMs;
  if (stale || apiToken.lastUsedIp !== origin.ip) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now, lastUsedIp: origin.ip })
      .where(eq(apiTokens.id, apiToken.id));
  }
  const scopes = apiToken.scopes as ApiScope[];
  return {
    actor: {
      kind: 'user',
      user: owner.user,
      impersonator: null,
      sessionId: null,
      apiTokenId: apiToken.id,
      ...(scopes.length > 0 ? { tokenScopes: scopes } : {}),
    },
  };
}

export interface SessionResolution {
  actor: UserActor;
  session: SessionRow;
  /** True when an impersonation ended on this request (expired or the right was lost). */
  impersonationEnded: boolean;
  /** The user must choose its own password before anything else (security setting). */
  passwordChangeRequired: boolean;
  /** The real user must set up two-factor sign-in before anything else (security setting). */
  twoFactorSetupRequired: boolean;
}

/** Validates a session cookie: timeouts, account state, and the impersonation right. */
export async function actorFromSession(
  db: Database,
  token: string,
  now: Date,
  origin: Origin,
): Promise<SessionResolution | null> {
  const found = await findSessionByToken(db, token);
  if (!found) return null;
  const { session, real, security } = found;
  const idleLimit = new Date(now.getTime() - security.sessionIdleMinutes * 60_000);
  // The lifetime is checked against the current setting too, so lowering it ends older sessions.
  const lifetimeLimit = new Date(now.getTime() - security.sessionMaxHours * 3_600_000);
  const expired = session.expiresAt <= now || session.createdAt <= lifetimeLimit;
  if (expired || session.lastSeenAt < idleLimit || !real || !mayUseOwnAccess(real)) {
    await endSession(db, session.id);
    return null;
  }
  let current = session;
  let actor: UserActor = {
    kind: 'user',
    user: real.user,
    impersonator: null,
    sessionId: session.id,
    apiTokenId: null,
  };
  let impersonationEnded = false;
  if (session.actingUserId) {
    const target = found.acting;
    const stillAllowed =
      target &&
      mayImpersonate(real.user, target) &&
      !impersonationExpired(session.impersonationStartedAt, now);
    if (target && stillAllowed) {
      actor = { ...actor, user: target.user, impersonator: real.user };
    } else {
      impersonationEnded = true;
      current = await db.transaction(async (tx) => {
        const [ended] = await tx
          .update(sessions)
          .set({ actingUserId: null, impersonationStartedAt: null, impersonationReason: null })
          .where(eq(sessions.id, session.id))
          .returning();
        await record(
          tx,
          { actor, origin },
          {
            action: 'impersonation.ended',
            customerId: target?.user.customerId ?? null,
            resellerId: target?.customerResellerId ?? null,
            target: { type: 'user', id: session.actingUserId as string },
            details: { cause: target && mayImpersonate(real.user, target) ? 'time limit' : 'right lost' },
          },
        );
        return ended ?? session;
      });
    }
  }
  if (now.getTime() - current.lastSeenAt.getTime() > touchEveryMs) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, current.id), lt(sessions.lastSeenAt, now)));
  }
  return {
    actor,
    session: current,
    impersonationEnded,
    passwordChangeRequired: mustChooseOwnPassword(real, security, actor.impersonator !== null),
    twoFactorSetupRequired: mustSetUpTwoFactor(real, security),
  };
}
