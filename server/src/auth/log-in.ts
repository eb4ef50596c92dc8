import type { Origin, UserActor } from '../access/actor.js';
import { record } from '../audit/record.js';
import type { Database } from '../db/database.js';
import {
  accountDeleted,
  accountSuspended,
  invalidCredentials,
  invalidSecondFactor,
  tooManyRequests,
} from '../errors/problem.js';
import { readSecuritySettings } from '../settings/settings.queries.js';
import { proofOf, type SecondFactorKind, spendSecondFactor } from '../two-factor/second-factor.js';
import { signInSecretsOf } from '../two-factor/two-factor.queries.js';
import { mustSetUpTwoFactor } from '../two-factor/two-factor-rule.js';
import { normalizeEmail, unsafeLoadUser } from './acting-user.js';
import type { LoginBody } from './auth.schemas.js';
import { claimLoginAttempt } from './login-throttle.js';
import { mustChooseOwnPassword } from './password-change-rule.js';
import { verifyDecoy, verifyPassword } from './password-hash.js';
import { startSession } from './sessions.js';

export interface LoginDeps {
  db: Database;
  now: () => Date;
}

/**
 * Signs a user in. Unknown email and wrong password fail alike, in similar time; a right
 * password on a suspended or deleted customer says so, a wrong one does not. A user with
 * two-factor sign-in gets no session for the password alone: the answer asks for a code, and the
 * login is repeated with it. Wrong codes count against the same throttles as wrong passwords.
 */
export async function logIn(deps: LoginDeps, input: LoginBody, origin: Origin) {
  const { db } = deps;
  const now = deps.now();
  const proof = proofOf(input);
  const email = normalizeEmail(input.email);
  const attempt = await claimLoginAttempt(db, email, origin.ip ?? 'unknown', now);
  const loaded = await unsafeLoadUser(db, { email });
  const failed = async (reason: string) => {
    await record(
      db,
      { actor: null, origin },
      {
        action: 'auth.login_failed',
        customerId: loaded?.user.customerId ?? null,
        resellerId: loaded?.customerResellerId ?? loaded?.user.resellerId ?? null,
        target: loaded ? { type: 'user', id: loaded.user.id } : null,
        details: { email, reason },
      },
    );
  };
  if (attempt.waitMs > 0) {
    await failed('rate limited');
    throw tooManyRequests(Math.ceil(attempt.waitMs / 1000));
  }
  const passwordMatches = loaded
    ? await verifyPassword(loaded.passwordHash, input.password)
    : await verifyDecoy(input.password);
  if (!loaded || !passwordMatches) {
    await failed('wrong email or password');
    throw invalidCredentials();
  }
  // With a second factor to come, a right password alone must not reset the counts, or guessing
  // codes would never slow down: the attempt stays counted while its code is checked, and is taken
  // back when no code will be (none sent, or the account is closed).
  const accountClosed = loaded.customerStatus === 'suspended' || loaded.customerStatus === 'deleted';
  if (!loaded.twoFactorEnabled) await attempt.succeeded();
  else if (!proof || accountClosed) await attempt.withdrawn();
  if (loaded.customerStatus === 'suspended') {
    await failed('account suspended');
    throw accountSuspended();
  }
  if (loaded.customerStatus === 'deleted') {
    await failed('account deleted');
    throw accountDeleted();
  }
  let secondFactor: SecondFactorKind | null = null;
  if (loaded.twoFactorEnabled) {
    if (!proof) {
      await record(
        db,
        { actor: null, origin },
        {
          action: 'auth.two_factor_challenged',
          customerId: loaded.user.customerId,
          resellerId: loaded.customerResellerId ?? loaded.user.resellerId,
          target: { type: 'user', id: loaded.user.id },
        },
      );
      return { twoFactorRequired: true } as const;
    }
    const { twoFactorSecret } = await signInSecretsOf(db, loaded.user.id);
    secondFactor = twoFactorSecret
      ? await spendSecondFactor(db, { id: loaded.user.id, twoFactorSecret }, proof, now)
      : null;
    if (!secondFactor) {
      await failed('wrong two-factor code');
      throw invalidSecondFactor();
    }
    await attempt.succeeded();
  }
  const actor: UserActor = {
    kind: 'user',
    user: loaded.user,
    impersonator: null,
    sessionId: null,
    apiTokenId: null,
  };
  return db.transaction(async (tx) => {
    const security = await readSecuritySettings(tx);
    const started = await startSession(tx, { userId: loaded.user.id, origin, now, security });
    const signedIn = { ...actor, sessionId: started.session.id };
    await record(
      tx,
      { actor: signedIn, origin },
      {
        action: 'auth.login',
        customerId: loaded.user.customerId,
        resellerId: loaded.customerResellerId ?? loaded.user.resellerId,
        target: { type: 'user', id: loaded.user.id },
        ...(secondFactor ? { details: { secondFactor } } : {}),
      },
    );
    return {
      actor: signedIn,
      ...started,
      holds: {
        passwordChangeRequired: mustChooseOwnPassword(loaded, security, false),
        twoFactorSetupRequired: mustSetUpTwoFactor(loaded, security),
      },
    };
  });
}
