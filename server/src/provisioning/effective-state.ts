import type { CustomerStatus } from '../db/schema/customers.js';
import type { DesiredState } from './drivers/types.js';

export interface ResourceSwitches {
  enabled: boolean;
  removedAt: Date | null;
}

export interface OwnerState {
  status: CustomerStatus;
  purgeStartedAt: Date | null;
}

/**
 * What a resource should be on its service: gone once deleted or when its customer is being
 * purged; live only when its own switch is on and its customer is active; otherwise suspended
 * (kept, but not served). Suspension is read from the customer, never written to the resource.
 */
export function effectiveState(resource: ResourceSwitches, owner: OwnerState): DesiredState {
  if (resource.removedAt || owner.purgeStartedAt) return 'absent';
  return resource.enabled && owner.status === 'active' ? 'live' : 'suspended';
}
