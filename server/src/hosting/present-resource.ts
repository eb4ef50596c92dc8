import type { OwnerState } from './effective-state.js';
import { type ProvisioningView, provisioningOf } from './provisioning-view.js';
import type { AnyResourceKind, PresentedWith, RowOf } from './resource-kind.js';

/**
 * A resource as the API shows it, with its provisioning judged by its kind's rule, or as every
 * server of its role applied it (provisioning-on-servers.ts) when that is given.
 */
export function presentResource<Kind extends AnyResourceKind>(
  kind: Kind,
  row: RowOf<Kind['table']>,
  owner: OwnerState,
  server: Omit<PresentedWith, 'provisioning'>,
  onServers?: ProvisioningView,
) {
  return kind.present(row, {
    provisioning: onServers ?? provisioningOf(row, owner, kind.statusStates),
    homesDir: server.homesDir,
    nameservers: server.nameservers,
  }) as ReturnType<Kind['present']>;
}
