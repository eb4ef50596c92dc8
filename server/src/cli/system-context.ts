import { loadConfig } from '../config.js';
import { type Context, createSignals, systemContext } from '../context.js';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { openPanelKey } from '../secrets/open-panel-key.js';

/** Opens the configured database, migrated, for an operator command acting as the system. */
export async function withSystemContext<T>(work: (ctx: Context, handle: DatabaseHandle) => Promise<T>) {
  const config = loadConfig();
  const handle = await openDatabase(config);
  try {
    await migrate(handle);
    const panelKey = await openPanelKey(handle.db, config);
    const ctx = systemContext({ db: handle.db, signals: createSignals(), panelKey, userAgent: 'keel cli' });
    return await work(ctx, handle);
  } finally {
    await handle.close();
  }
}
