import type { Context } from '../context.js';
import { replaceSettingsGroup } from './replace-settings-group.js';
import { readBackupSettings } from './settings.queries.js';
import { type BackupSettings, defaultBackupSettings } from './settings.schemas.js';

/**
 * Replaces the backup schedule and retention. The backup runner reads them at each sweep; a
 * shorter retention removes the scheduled backups past it after the customer's next one.
 */
export function updateBackupSettings(ctx: Context, input: BackupSettings): Promise<BackupSettings> {
  return replaceSettingsGroup(
    ctx,
    {
      key: 'backups',
      defaults: defaultBackupSettings,
      read: readBackupSettings,
      action: 'settings.backups_updated',
    },
    input,
  );
}
