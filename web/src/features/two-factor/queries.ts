import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';

export const twoFactorKey = ['two-factor'] as const;

/** Whether the signed-in user signs in with a second factor. */
export function useTwoFactorStatus(enabled = true) {
  return useQuery({
    queryKey: twoFactorKey,
    queryFn: () => unwrap(api.GET('/api/v1/auth/2fa')),
    enabled,
  });
}
