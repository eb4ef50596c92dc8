import type { Context } from '../context.js';
import { replaceSettingsGroup } from './replace-settings-group.js';
import { readBackupSettings } from './settings.queries.js';
import { type BackupSettings, type BackupSettingsBody, defaultBackupSettings } from './settings.schemas.js';

/**
 * Replaces the backup schedule and retention. The backup runner reads them at each sweep; a
 * shorter retention removes the scheduled backups past it after the customer's next one.
 * `keepAfterPurgeDays` applies to purges from then on; repositories already kept keep their date.
 */
export function updateBackupSettings(ctx: Context, input: BackupSettingsBody): Promise<BackupSettings> {
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
