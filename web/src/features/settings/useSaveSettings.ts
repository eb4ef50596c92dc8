import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { BackupSettings, PlatformSettings, SecuritySettings } from '../../api/types.js';
import { useApiMutation } from '../../components/useApiMutation.js';

export function useSaveSecuritySettings() {
  return useApiMutation({
    run: (body: SecuritySettings) => unwrap(api.PUT('/api/v1/settings/security', { body })),
    success: () => 'Security settings saved',
  });
}

export function useSavePlatformSettings() {
  return useApiMutation({
    run: (body: PlatformSettings) => unwrap(api.PUT('/api/v1/settings/platform', { body })),
    success: () => 'Platform settings saved',
  });
}

export function useSaveBackupSettings() {
  return useApiMutation({
    run: (body: BackupSettings) => unwrap(api.PUT('/api/v1/settings/backups', { body })),
    success: () => 'Backup settings saved',
  });
}
