import { rm } from 'node:fs/promises';
import { SessionClient } from '../../test/helpers/running-server.js';
import { freePort, sharedTempDir } from '../../test/services/helpers.js';
import { type KeelProcess, startKeel, startKeelAgent } from '../customers/keel-process.js';

/** A hosting server under the panel: its agent, and the port its own nginx serves sites on. */
export interface HostingServer {
  id: string;
  name: string;
  webPort: number;
  agent: KeelProcess;
}

/** One panel and its agents, each a `keel` process of its own with its own data directory. */
export interface Fleet {
  panel: KeelProcess & { baseUrl: string };
  /** Signed in as the panel's admin. */
  admin: SessionClient;
  servers: HostingServer[];
  /** Stops the agents (and with them their services), then the panel; removes every data directory. */
  close(): Promise<void>;
}

export interface FleetSettings {
  databaseUrl: string;
  agents: number;
  /** Each agent also runs its own PowerDNS on a port of its own (the dns role). */
  powerDns: boolean;
}

type Closer = () => Promise<unknown>;

const admin = { email: 'fleet-admin@keel.test', password: 'Seven lighthouses guard the fjord 2026' };

/**
 * The periodic sweep re-reads every resource of a server: left at its default it would fall into
 * some measurements and not others, so the figures are the change's own work alone.
 */
const noSweep = { KEEL_SWEEP_SECONDS: '3600' };

/** Adds a server through the API and starts its agent with the enrollment token; `closers` learns how to stop it. */
async function addServer(
  fleet: Omit<Fleet, 'close'>,
  index: number,
  settings: FleetSettings,
  closers: Closer[],
): Promise<HostingServer> {
  const name = `bench-${index}`;
  const added = await fleet.admin.request('POST', '/servers', {
    name,
    roles: settings.powerDns ? ['web', 'dns'] : ['web'],
  });
  if (added.status !== 201) throw new Error(`POST /servers: ${added.status} ${JSON.stringify(added.json)}`);
  const dataDir = await sharedTempDir(`bench-${name}`);
  const webPort = await freePort();
  const dns: Record<string, string> = settings.powerDns
    ? { KEEL_DNS_PORT: String(await freePort()), KEEL_DNS_NAMESERVERS: `ns1.${name}.bench.test` }
    : {};
  closers.push(() => rm(dataDir, { recursive: true, force: true }));
  const agent = await startKeelAgent(fleet.panel.baseUrl, added.json.enrollmentToken, {
    KEEL_DATA_DIR: dataDir,
    KEEL_WEB_PORT: String(webPort),
    ...dns,
    ...noSweep,
  });
  closers.push(() => agent.stop());
  return { id: added.json.server.id as string, name, webPort, agent };
}

/** Starts the panel on `databaseUrl` (its own nginx is not needed: no customer lives on it), then each agent. */
export async function startFleet(settings: FleetSettings): Promise<Fleet> {
  const closers: Closer[] = [];
  // Last started, first stopped: the agents before the panel they report to.
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const panelDir = await sharedTempDir('bench-panel');
    closers.push(() => rm(panelDir, { recursive: true, force: true }));
    const panel = await startKeel({
      DATABASE_URL: settings.databaseUrl,
      KEEL_DATA_DIR: panelDir,
      KEEL_ADMIN_EMAIL: admin.email,
      KEEL_ADMIN_PASSWORD: admin.password,
      ...noSweep,
    });
    closers.push(() => panel.stop());
    const fleet = { panel, admin: new SessionClient(panel.baseUrl), servers: [] as HostingServer[] };
    await fleet.admin.login(admin.email, admin.password);
    for (let index = 1; index <= settings.agents; index++)
      fleet.servers.push(await addServer(fleet, index, settings, closers));
    return { ...fleet, close };
  } catch (error) {
    await close();
    throw error;
  }
}
