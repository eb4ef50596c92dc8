import { noOrigin, systemActor } from './access/actor.js';
import { ensureFirstAdmin } from './admins/ensure-first-admin.js';
import type { Config } from './config.js';
import { type Context, createSignals } from './context.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './http/app.js';
import { backgroundWorkers } from './workers.js';

/**
 * The composition root: database → migrations → first admin → HTTP app → background workers.
 * Returns a stop function that lets in-flight requests finish and closes the database cleanly.
 */
export async function startServer(config: Config, print: (line: string) => void = console.log) {
  const handle = await openDatabase(config);
  await migrate(handle);
  const signals = createSignals();
  const system: Context = {
    db: handle.db,
    actor: systemActor,
    origin: noOrigin,
    signals,
    now: () => new Date(),
  };
  const first = await ensureFirstAdmin(system, { email: config.adminEmail, password: config.adminPassword });
  if (first?.password) {
    print(`First admin created: ${first.admin.email} with password ${first.password} (shown only this once)`);
  } else if (first) {
    print(`First admin created: ${first.admin.email} with the password from KEEL_ADMIN_PASSWORD`);
  }
  const app = await buildApp({
    db: handle.db,
    signals,
    trustedProxies: config.trustedProxies,
    homesDir: config.homesDir,
    logger: { level: config.logLevel },
  });
  const workers = backgroundWorkers({ config, handle, signals, log: app.log });
  for (const worker of workers) await worker.start();
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const database = handle.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  print(`Keel is listening on http://${config.host}:${port} (${database})`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await app.close();
      for (const worker of [...workers].reverse()) await worker.stop();
      await handle.close();
    })();
    return stopping;
  };
  return { app, port, stop };
}
