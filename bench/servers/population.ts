import { settleInGroups } from '../../server/src/provisioning/drivers/in-groups.js';
import type { Fleet, HostingServer } from './fleet.js';

/** The customers made, and each one's sites by the server whose nginx must serve them. */
export interface ServersPopulation {
  customerIds: string[];
  sites: Map<HostingServer, string[]>;
}

// A few customers at once: the panel hashes each one's first password (argon2id), which a
// sequential loop would wait on one by one, and more at once would only queue on 2 cores.
const creatingAtOnce = 4;

/** POST as the admin; anything but 201 stops the run. */
async function created(fleet: Fleet, path: string, body: object) {
  const answer = await fleet.admin.request('POST', path, body);
  if (answer.status !== 201) throw new Error(`POST ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

/**
 * `customers` customers with `sitesEach` websites each, made through the panel's API as an admin
 * would, spread evenly over the fleet's servers by choosing each one's server (`serverId`).
 */
export async function placePopulation(
  fleet: Fleet,
  customers: number,
  sitesEach: number,
  print: (line: string) => void,
): Promise<ServersPopulation> {
  const run = Date.now().toString(36);
  const population: ServersPopulation = {
    customerIds: [],
    sites: new Map(fleet.servers.map((server) => [server, []])),
  };
  const numbers = Array.from({ length: customers }, (_, index) => index + 1);
  const outcomes = await settleInGroups(numbers, creatingAtOnce, async (c) => {
    const server = fleet.servers[c % fleet.servers.length] as HostingServer;
    const { customer } = await created(fleet, '/customers', {
      firstName: 'Fleet',
      lastName: `Customer ${c}`,
      email: `fleet-${c}-${run}@bench.keel.test`,
      serverId: server.id,
    });
    population.customerIds.push(customer.id);
    for (let s = 1; s <= sitesEach; s++) {
      const domain = `s${s}.c${c}.${run}.servers.test`;
      await created(fleet, `/customers/${customer.id}/websites`, { domain });
      population.sites.get(server)?.push(domain);
    }
    if (c % 50 === 0) print(`  ${c} customers …`);
  });
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return population;
}
