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

/**
 * What a switched-on resource of a kind is while its customer has each status (DESIGN.md, "What
 * each status means"): most kinds stop when the customer is suspended; a kind that must go on
 * serving a suspended customer (what its mail needs) says so in its own descriptor: `live`, or
 * `held` when the service must go on receiving for it while its owner may not use it (mailboxes).
 */
export type StatusStates = Record<CustomerStatus, 'live' | 'held' | 'suspended'>;

/** The rule of most kinds: in service only while the customer is active. */
export const servedWhileActive: StatusStates = {
  active: 'live',
  suspended: 'suspended',
  deleted: 'suspended',
};

/**
 * What a resource should be on its service: gone once deleted or when its customer is being
 * purged; suspended (kept, not served) when its own switch is off; otherwise what its kind is
 * for the customer's status. Suspension is read from the customer, never written to the resource.
 */
export function effectiveState(
  resource: ResourceSwitches,
  owner: OwnerState,
  statusStates: StatusStates,
): DesiredState {
  if (resource.removedAt || owner.purgeStartedAt) return 'absent';
  if (!resource.enabled) return 'suspended';
  return statusStates[owner.status];
}
