import type { Customer, PackageLimits, Permission } from '../../api/types.js';
import type { AnyHostingKind } from './hosting-kind.js';

/**
 * The limits of the customer's package: null when it has none (nothing caps it), undefined while
 * they are not known yet (still loading, or the request failed).
 */
export type CustomerLimits = PackageLimits | null | undefined;

/** How many the package allows: a number, null for no limit, undefined when not known. */
function capOf(kind: AnyHostingKind, limits: CustomerLimits): number | null | undefined {
  if (limits === null || kind.limit === null) return null;
  return limits?.[kind.limit];
}

const counted = (kind: AnyHostingKind, count: number) => (count === 1 ? kind.noun : kind.plural);

/** "2 of 3 websites", "4 databases, no limit", or just "1 DNS zone" when the limit is not known. */
export function usageText(kind: AnyHostingKind, customer: Customer, limits: CustomerLimits): string {
  const count = customer[kind.counter];
  const cap = capOf(kind, limits);
  if (cap === undefined) return `${count} ${counted(kind, count)}`;
  if (cap === null) return `${count} ${counted(kind, count)}, no limit`;
  return `${count} of ${cap} ${counted(kind, cap)}`;
}

/**
 * Whether the customer may get one more of a kind: the server's `changeResources` permission (a
 * deleted customer gets none, 409), then the package's limit (422), which the customer's
 * permissions do not carry, so the panel applies it here, once. A suspended customer may get new
 * ones; they stay off with it.
 */
export function additionPermission(
  kind: AnyHostingKind,
  customer: Customer,
  limits: CustomerLimits,
): Permission {
  if (!customer.permissions.changeResources.allowed) return customer.permissions.changeResources;
  const cap = capOf(kind, limits);
  if (typeof cap === 'number' && customer[kind.counter] >= cap) {
    const name = customer.package?.name ?? 'package';
    return { allowed: false, reason: `The package "${name}" allows ${cap} ${counted(kind, cap)}.` };
  }
  return { allowed: true, reason: null };
}
