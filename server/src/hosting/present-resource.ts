import type { OwnerState } from './effective-state.js';
import { provisioningOf } from './provisioning-view.js';
import type { AnyResourceKind, PresentedWith, RowOf } from './resource-kind.js';

/** A resource as the API shows it, with its provisioning judged by its kind's rule. */
export function presentResource<Kind extends AnyResourceKind>(
  kind: Kind,
  row: RowOf<Kind['table']>,
  owner: OwnerState,
  server: Omit<PresentedWith, 'provisioning'>,
) {
  return kind.present(row, {
    provisioning: provisioningOf(row, owner, kind.statusStates),
    homesDir: server.homesDir,
    nameservers: server.nameservers,
  }) as ReturnType<Kind['present']>;
}
