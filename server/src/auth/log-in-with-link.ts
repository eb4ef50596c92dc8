import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Origin, UserActor } from '../access/actor.js';
import { record } from '../audit/record.js';
import type { Database } from '../db/database.js';
import { loginLinks } from '../db/schema/sessions.js';
import { accountDeleted, accountSuspended, unauthenticated } from '../errors/problem.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { mustSetUpTwoFactor } from '../two-factor/two-factor-rule.js';
import { unsafeLoadUser } from './acting-user.js';
import { mustChooseOwnPassword } from './password-change-rule.js';
import { digestSecret } from './secrets.js';
import { startSession } from './sessions.js';

const unusable = () => unauthenticated('This login link is invalid, already used or expired.');

/**
 * Redeems a one-time login link: the customer gets a session of its own, as after a login. The
 * link is spent by the first attempt, whatever comes of it, so it never works twice.
 */
export async function logInWithLink(deps: { db: Database; now: () => Date }, secret: string, origin: Origin) {
  const { db } = deps;
  const now = deps.now();
  const [link] = await db
    .update(loginLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(loginLinks.tokenHash, digestSecret(secret)),
        isNull(loginLinks.usedAt),
        gt(loginLinks.expiresAt, now),
      ),
    )
    .returning();
  if (!link) throw unusable();
  const loaded = await unsafeLoadUser(db, { id: link.userId });
  if (!loaded) throw unusable();
  const about = {
    customerId: loaded.user.customerId,
    resellerId: loaded.customerResellerId,
    target: { type: 'user', id: loaded.user.id },
  };
  if (loaded.customerStatus !== 'active') {
    const refused = loaded.customerStatus === 'deleted' ? accountDeleted() : accountSuspended();
    await record(
      db,
      { actor: null, origin },
      { action: 'auth.login_failed', ...about, details: { email: loaded.user.email, reason: refused.title } },
    );
    throw refused;
  }
  return db.transaction(async (tx) => {
    const security = await readSecuritySettings(tx);
    const started = await startSession(tx, { userId: loaded.user.id, origin, now, security });
    const actor: UserActor = {
      kind: 'user',
      user: loaded.user,
      impersonator: null,
      sessionId: started.session.id,
      apiTokenId: null,
    };
    await record(
      tx,
      { actor, origin },
      { action: 'auth.login', ...about, details: { via: 'login link', linkId: link.id } },
    );
    return {
      actor,
      ...started,
      holds: {
        passwordChangeRequired: mustChooseOwnPassword(loaded, security, false),
        twoFactorSetupRequired: mustSetUpTwoFactor(loaded, security),
      },
    };
  });
}
