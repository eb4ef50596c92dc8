import type { AgentCredential } from '../agent/agent-credential-file.js';
import { PanelClient } from '../agent/panel-client.js';
import { PanelStore } from '../agent/panel-store.js';
import type { KindOnService } from '../provisioning/services.js';
import type { DoctorReport } from './doctor.js';
import { allInOrder, checkServices, foreignAndUnchecked, servicesInOrder } from './doctor-services.js';

/**
 * keel doctor on an agent's machine: its services against its own server's resources, read
 * through the panel's agent API with the credential the agent keeps (a hosting machine holds no
 * database credentials). Purges and backup repositories are the panel's to check.
 */
export async function agentDoctor(
  stored: AgentCredential,
  kinds: readonly KindOnService[],
  options: { repair: boolean },
): Promise<DoctorReport> {
  const store = new PanelStore(new PanelClient(stored.panel, stored.credential));
  const services = await checkServices(store, kinds);
  const lines = [`Server ${stored.server.name} of the panel at ${stored.panel}:`, ...services.lines];
  if (options.repair && services.drifted.length > 0) {
    for (const { kind, drifts } of services.drifted)
      await store.reportDrift(kind, { drifted: drifts, foreign: [] });
    lines.push("Sent them to be applied again: this machine's agent repairs them.");
  }
  lines.push(...foreignAndUnchecked(services, options.repair));
  const inOrder = servicesInOrder(services);
  if (inOrder) lines.push(allInOrder(kinds));
  return { lines, inOrder };
}
