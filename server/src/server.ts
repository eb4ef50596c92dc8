import { ensureFirstAdmin } from './admins/ensure-first-admin.js';
import type { BackgroundWorker } from './background-worker.js';
import type { Config } from './config.js';
import { createSignals, systemContext } from './context.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { type App, buildApp } from './http/app.js';
import { nginxLayout, nginxStateDir } from './provisioning/drivers/nginx/layout.js';
import { openPanelKey } from './secrets/open-panel-key.js';
import { backgroundWorkers } from './workers.js';

/**
 * The composition root: database → migrations → first admin → HTTP app → background workers.
 * Returns a stop function that lets in-flight requests finish and closes the database cleanly;
 * a start that fails half-way undoes itself before it throws.
 */
export async function startServer(config: Config, print: (line: string) => void = console.log) {
  const handle = await openDatabase(config);
  const started: { app?: App; workers: BackgroundWorker[] } = { workers: [] };
  let stopping: Promise<void> | undefined;
  // Stops what has started, in reverse: requests in flight finish first, the database closes last.
  const stop = () => {
    stopping ??= (async () => {
      const app = started.app;
      if (app) {
        // A keep-alive connection whose request was in flight turns idle only after close() began;
        // without this it would hold the stop for the whole keep-alive timeout (72 s).
        const closeIdle = setInterval(() => app.server.closeIdleConnections(), 100);
        await app.close().finally(() => clearInterval(closeIdle));
      }
      for (const worker of [...started.workers].reverse()) await worker.stop();
      await handle.close();
    })();
    return stopping;
  };
  try {
    await migrate(handle);
    const panelKey = await openPanelKey(handle.db, config);
    const signals = createSignals();
    const system = systemContext({ db: handle.db, signals, panelKey });
    const first = await ensureFirstAdmin(system, {
      email: config.adminEmail,
      password: config.adminPassword,
    });
    if (first?.password) {
      print(
        `First admin created: ${first.admin.email} with password ${first.password} (shown only this once)`,
      );
    } else if (first) {
      print(`First admin created: ${first.admin.email} with the password from KEEL_ADMIN_PASSWORD`);
    }
    const app = await buildApp({
      db: handle.db,
      signals,
      panelKey,
      trustedProxies: config.trustedProxies,
      homesDir: config.homesDir,
      mailHostname: config.mail.hostname,
      nameservers: config.dnsPort === null ? [] : config.nameservers,
      metricsToken: config.metricsToken,
      changeSource: handle.kind === 'postgres' ? 'database' : 'process',
      siteLogsDir: nginxLayout(nginxStateDir(config.dataDir)).siteLogsDir,
      logger: { level: config.logLevel },
    });
    started.app = app;
    for (const worker of backgroundWorkers({ config, handle, signals, log: app.log, panelKey })) {
      await worker.start();
      started.workers.push(worker);
    }
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const database = handle.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
    print(`Keel is listening on http://${config.host}:${port} (${database})`);
    return { app, port, stop };
  } catch (error) {
    // A failed start (newer database, port in use …) must not leave workers running or the database open.
    await stop();
    throw error;
  }
}
