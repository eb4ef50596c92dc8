import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';

export function useSecuritySettings(enabled = true) {
  return useQuery({
    queryKey: ['settings', 'security'],
    queryFn: () => unwrap(api.GET('/api/v1/settings/security')),
    enabled,
  });
}

export function usePlatformSettings(enabled = true) {
  return useQuery({
    queryKey: ['settings', 'platform'],
    queryFn: () => unwrap(api.GET('/api/v1/settings/platform')),
    enabled,
  });
}

/** `enabled`: only admins may read the platform's settings. */
export function useBackupSettings(enabled = true) {
  return useQuery({
    queryKey: ['settings', 'backups'],
    queryFn: () => unwrap(api.GET('/api/v1/settings/backups')),
    enabled,
  });
}
