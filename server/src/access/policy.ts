import type { Permission } from '../contract/permissions.js';
import { conflict, forbidden, type Problem } from '../errors/problem.js';
import type { Actor } from './actor.js';
import { type AccessRule, isAllowed } from './rules.js';

/**
 * The answer of one policy rule: allowed, or refused with the short reason a person reads next
 * to the disabled button and the problem the API answers with. The same verdict is both
 * presented with an object and enforced by the use case, so the two cannot disagree.
 */
export type Verdict = { allowed: true } | { allowed: false; reason: string; problem: () => Problem };

export const allowed: Verdict = { allowed: true };

/** Refused because of who asks: 403. */
export const notYours = (reason: string): Verdict => ({
  allowed: false,
  reason,
  problem: () => forbidden(reason),
});

/** Refused because of the object's state, which may change: 409 with the problem's slug. */
export const notNow = (reason: string, slug: string): Verdict => ({
  allowed: false,
  reason,
  problem: () => conflict(reason, slug),
});

/** The first refusal among the verdicts, in order (who asks before the object's state); else allowed. */
export const firstRefusal = (...verdicts: Verdict[]): Verdict =>
  verdicts.find((verdict) => !verdict.allowed) ?? allowed;

/** The role rule a route declares, as a verdict: the roles outside it are refused. */
export const roleAdmitted = (rule: AccessRule, actor: Actor, reason: string): Verdict =>
  isAllowed(rule, actor) ? allowed : notYours(reason);

/** Throws the verdict's problem when it refuses. */
export function enforce(verdict: Verdict): void {
  if (!verdict.allowed) throw verdict.problem();
}

/** Verdicts as the API presents them: the problem stays on the server. */
export const presentPermissions = <A extends string>(verdicts: Record<A, Verdict>): Record<A, Permission> =>
  Object.fromEntries(
    Object.entries<Verdict>(verdicts).map(([action, verdict]) => [
      action,
      verdict.allowed ? { allowed: true, reason: null } : { allowed: false, reason: verdict.reason },
    ]),
  ) as Record<A, Permission>;
