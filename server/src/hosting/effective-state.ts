import type { CustomerStatus } from '../db/schema/customers.js';
import type { DesiredState } from '../provisioning/drivers/types.js';

export interface ResourceSwitches {
  enabled: boolean;
  removedAt: Date | null;
}

export interface OwnerState {
  status: CustomerStatus;
  purgeStartedAt: Date | null;
}

/** The tables of resources the reconciler keeps in step with their services. */
export type ResourceTable = 'websites' | 'databases' | 'dns_zones';

/**
 * What a customer's suspension does to a kind of resource (DESIGN.md, "What each status means"):
 * websites and databases stop; DNS zones stay served, because mail for a suspended customer is
 * still accepted and needs the zone's MX.
 */
export const whileSuspended: Record<ResourceTable, 'stops' | 'served'> = {
  websites: 'stops',
  databases: 'stops',
  dns_zones: 'served',
};

/**
 * What a resource should be on its service: gone once deleted or when its customer is being
 * purged; live when its own switch is on and its customer is active (or suspended, for a kind
 * served while suspended); otherwise suspended (kept, but not served). Suspension is read from
 * the customer, never written to the resource.
 */
export function effectiveState(
  resource: ResourceSwitches,
  owner: OwnerState,
  table: ResourceTable,
): DesiredState {
  if (resource.removedAt || owner.purgeStartedAt) return 'absent';
  if (!resource.enabled) return 'suspended';
  const serving =
    owner.status === 'active' || (owner.status === 'suspended' && whileSuspended[table] === 'served');
  return serving ? 'live' : 'suspended';
}
