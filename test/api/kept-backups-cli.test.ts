import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptBackupRepositories } from '../../server/src/backups/backups.table.js';
import { newRepositoryPassword, sealPassword } from '../../server/src/backups/repository-key.js';
import { loadPanelKey } from '../../server/src/secrets/panel-key.js';
import { commandDataDir, runKeelCommand } from '../helpers/keel-command.js';
import { newId } from '../services/helpers.js';

describe('keel kept-backups', async () => {
  // The data directory and embedded database the command opens, arranged from the migrated template.
  const { folder, handle, env } = await commandDataDir('kept-backups');
  // A repository kept by a purge, as kept-repositories.ts records it, sealed with this data
  // directory's panel key.
  const customerId = newId();
  const password = newRepositoryPassword();
  const key = await loadPanelKey(folder, null);
  await handle.db.insert(keptBackupRepositories).values({
    customerId,
    directory: `${customerId}-2026-12-06`,
    encryptedPassword: sealPassword(key, customerId, password),
    customerEmail: 'gone@example.test',
    keptUntil: new Date('2027-01-05T12:00:00Z'),
  });
  await handle.close();

  it('lists the kept repositories with their date and place', async () => {
    expect(await runKeelCommand(['kept-backups'], env)).toEqual({
      code: 0,
      output: `${customerId} gone@example.test kept until 2027-01-05: ${join(folder, 'backups', 'purged', `${customerId}-2026-12-06`)}`,
    });
  });

  it('prints the password restic needs, and only for a kept repository', async () => {
    expect(await runKeelCommand(['kept-backups', 'password', customerId], env)).toEqual({
      code: 0,
      output: password,
    });
    expect(await runKeelCommand(['kept-backups', 'password', newId()], env)).toMatchObject({ code: 1 });
    expect(await runKeelCommand(['kept-backups', 'password', 'not-an-id'], env)).toMatchObject({ code: 2 });
  });
});
