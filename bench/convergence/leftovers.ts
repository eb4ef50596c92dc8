import { customerPrefix } from '../../server/src/hosting/names.js';
import { checkInventory } from '../../server/src/provisioning/inventory.js';
import { purgeHostedCustomer } from './hosted-customer.js';
import type { HostingServices } from './hosting-services.js';

/**
 * Purges the benchmark's customer and returns what `keel doctor` would still find of it: any vhost
 * or home (the nginx prefix and homes are the run's own) and its prefixed MariaDB databases and
 * users (the MariaDB server is shared, so other customers' are not this run's business).
 */
export async function leftoversAfterPurge(services: HostingServices, customerId: string): Promise<string[]> {
  await purgeHostedCustomer(services, customerId);
  const prefix = customerPrefix(customerId);
  const findings = await checkInventory(services.handle.db, services.drivers.kinds);
  return findings
    .filter(
      (finding) => finding.kind === 'vhost' || finding.kind === 'home' || finding.name.startsWith(prefix),
    )
    .map((finding) => `${finding.problem} ${finding.kind} ${finding.name}`);
}
