import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import { toast } from '../../components/toast.js';
import { useSwitchSession } from './session.js';

export function useSignOut() {
  const switchSession = useSwitchSession();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    onSettled: () => {
      switchSession(null);
      toast('You are signed out.');
    },
  });
}
