import type { UserActor } from '../access/actor.js';
import type { Context } from '../context.js';
import { forbidden } from '../errors/problem.js';

/**
 * The caller, changing its own sign-in. Someone impersonating a customer is not the customer and
 * may not change how it signs in (like its password).
 */
export function ownSignIn(ctx: Context): UserActor {
  const { actor } = ctx;
  if (actor.kind !== 'user') throw forbidden('Only a signed-in user has a sign-in of its own.');
  if (actor.impersonator) {
    throw forbidden("A customer's two-factor sign-in cannot be changed while impersonating it.");
  }
  return actor;
}
