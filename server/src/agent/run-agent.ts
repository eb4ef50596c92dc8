import { mkdir, readFile } from 'node:fs/promises';
import { backupRunner } from '../backups/backup-runner.js';
import { machineEnvironment } from '../backups/machine-environment.js';
import type { Config } from '../config.js';
import { createSignals } from '../context.js';
import { cronScheduler } from '../cron-jobs/cron-scheduler.js';
import { packagePath } from '../package-root.js';
import { CustomerHomes } from '../provisioning/drivers/files/customer-homes.js';
import { nginxLayout, nginxStateDir } from '../provisioning/drivers/nginx/layout.js';
import type { HostedKind } from '../provisioning/reconciled-kind.js';
import { Reconciler, type ReconcilerOptions } from '../provisioning/reconciler.js';
import { serviceSettings } from '../provisioning/service-settings.js';
import { startServices } from '../provisioning/services.js';
import { heartbeatMs } from '../servers/server-status.js';
import { readAgentCredential, writeAgentCredential } from './agent-credential-file.js';
import { workPollMs } from './agent-protocol.js';
import { challengeSync } from './challenge-sync.js';
import { PanelBackupJobs } from './panel-backup-jobs.js';
import { PanelClient, PanelRefusal } from './panel-client.js';
import { PanelCronRunStore } from './panel-cron-store.js';
import { PanelStore } from './panel-store.js';

export interface AgentLog {
  info(message: string): void;
  warn(message: string): void;
  error(object: unknown, message: string): void;
}

export interface AgentOptions {
  panelUrl: string;
  /** The one-time enrollment token; needed only until the agent holds a credential. */
  token: string | null;
  /** The agent's own KEEL_DATA_DIR and service ports, read like the panel's. */
  config: Config;
  kinds: HostedKind[];
  log: AgentLog;
}

export interface RunningAgent {
  server: { id: string; name: string };
  stop(): Promise<void>;
}

/**
 * The credential this agent acts with: the one an earlier run stored for this panel, or a new one
 * for the enrollment token. A stored credential the panel no longer accepts (reissued) gives way
 * to the token given, if any.
 */
async function connect(
  options: AgentOptions,
): Promise<{ client: PanelClient; server: { id: string; name: string } }> {
  const { panelUrl, token, config } = options;
  const stored = await readAgentCredential(config.dataDir);
  if (stored && stored.panel === panelUrl) {
    const client = new PanelClient(panelUrl, stored.credential);
    try {
      await heartbeat(client);
      return { client, server: stored.server };
    } catch (error) {
      if (!(error instanceof PanelRefusal && error.status === 401) || !token) throw error;
      options.log.warn('The stored agent credential was revoked; enrolling again with the token given.');
    }
  }
  if (!token) throw new Error(`No agent credential in ${config.dataDir}: start it once with --token.`);
  const client = new PanelClient(panelUrl);
  const enrolled = await client.call<{ server: { id: string; name: string }; credential: string }>(
    'POST',
    '/enroll',
    { token },
  );
  await writeAgentCredential(config.dataDir, { panel: panelUrl, ...enrolled });
  client.holdCredential(enrolled.credential);
  await heartbeat(client);
  return { client, server: enrolled.server };
}

const keelVersion = async () =>
  (JSON.parse(await readFile(packagePath('package.json'), 'utf8')) as { version: string }).version;

async function heartbeat(client: PanelClient): Promise<void> {
  await client.call('POST', '/heartbeat', { agentVersion: await keelVersion() });
}

/**
 * Wakes its caller whenever the panel says resources changed or a backup job was queued: a long poll, passing the
 * count of changes last seen so nothing made between two polls is missed. A panel that does not
 * answer is asked again a second later; the reconciler's sweep covers the gap.
 */
function pollForWork(client: PanelClient, log: AgentLog): NonNullable<ReconcilerOptions['listen']> {
  return async (wake) => {
    const stopping = new AbortController();
    const polling = (async () => {
      let seen = -1;
      while (!stopping.signal.aborted) {
        try {
          const { changes } = await client.call<{ changes: number }>(
            'GET',
            `/work?after=${seen}`,
            undefined,
            {
              timeoutMs: workPollMs + 15_000,
              signal: stopping.signal,
            },
          );
          if (changes !== seen) wake();
          seen = changes;
        } catch (error) {
          if (stopping.signal.aborted) break;
          log.warn(`waiting for work from the panel failed: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    })();
    return async () => {
      stopping.abort();
      await polling;
    };
  };
}

/**
 * `keel agent`: runs this machine's services for one server of the panel and converges them
 * with the same reconciler the panel runs for its own machine, runs its customers' cron jobs with
 * the same scheduler and their backups and restores with the same backup runner, their stores
 * being the panel's HTTP API. It never holds database credentials, nor the key to the backup
 * repositories' passwords.
 */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const { config, log } = options;
  await mkdir(config.dataDir, { recursive: true });
  const { client, server } = await connect(options);
  log.info(`Agent of server "${server.name}" (${server.id}) connected to ${options.panelUrl}`);
  const services = await startServices(options.kinds, serviceSettings(config, log));
  for (const reason of new Set(services.kinds.map((kind) => kind.unavailable))) if (reason) log.warn(reason);
  // One long poll wakes them all: the reconciler for resources, the cron scheduler (a run whose
  // customer was suspended is killed then), the backup runner for jobs and the ACME answers.
  const changes = createSignals();
  const backupWakes = new Set<() => void>();
  const poll = pollForWork(client, log);
  const cron = cronScheduler({
    store: new PanelCronRunStore(client),
    signals: changes,
    log,
    homesDir: config.homesDir,
    timeoutMs: config.cronTimeoutSeconds * 1000,
  });
  // This server's nginx answers the CA for its sites' certificates (none without a web port).
  const challenges =
    config.webPort === null
      ? null
      : challengeSync({
          client,
          challengeDir: nginxLayout(nginxStateDir(config.dataDir)).challengeDir,
          sweepMs: config.sweepSeconds * 1000,
          log,
        });
  const reconciler = new Reconciler({
    store: new PanelStore(client),
    kinds: services.kinds,
    listen: (wake) =>
      poll(() => {
        wake();
        changes.emit('resourcesChanged');
        challenges?.wake();
        for (const wakeBackups of backupWakes) wakeBackups();
      }),
    // One agent per server: claims a killed run left are let go at once, not after their lease.
    soleReconciler: true,
    // A purge of a customer living here removes its home here.
    homes: new CustomerHomes(config.homesDir),
    sweepMs: config.sweepSeconds * 1000,
    log,
  });
  const backups = backupRunner({
    store: new PanelBackupJobs(client),
    env: machineEnvironment(config),
    log: {
      warn: (object, message) => log.warn(`${message}: ${(object as { err?: Error }).err?.message ?? ''}`),
      error: (object, message) => log.error(object, message),
    },
    listen: (wake) => {
      backupWakes.add(wake);
      return () => backupWakes.delete(wake);
    },
    driverOf: (noun) => services.kinds.find((entry) => entry.kind.noun === noun)?.driver ?? null,
    concurrency: config.backupJobs,
    sweepMs: config.sweepSeconds * 1000,
  });
  try {
    await reconciler.start();
    await cron.start();
    await backups.start();
    challenges?.start();
  } catch (error) {
    await challenges?.stop();
    await backups.stop();
    await cron.stop();
    await reconciler.stop();
    await services.stop();
    throw error;
  }
  const beat = setInterval(() => {
    heartbeat(client).catch((error) => log.warn(`heartbeat failed: ${(error as Error).message}`));
  }, heartbeatMs);
  return {
    server,
    async stop() {
      clearInterval(beat);
      await challenges?.stop();
      await backups.stop();
      await cron.stop();
      await reconciler.stop();
      await services.stop();
    },
  };
}
