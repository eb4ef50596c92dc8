import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { loadPanelKey } from './panel-key.js';
import { sealPlainKeys } from './seal-plain-keys.js';

/**
 * The panel's key as a server or an operator command starts with it: loaded (made at the first
 * start), and every private key an older Keel kept in plain text sealed with it first.
 */
export async function openPanelKey(db: Database, config: Pick<Config, 'dataDir' | 'secretKey'>) {
  const panelKey = await loadPanelKey(config.dataDir, config.secretKey);
  await sealPlainKeys(db, panelKey);
  return panelKey;
}
