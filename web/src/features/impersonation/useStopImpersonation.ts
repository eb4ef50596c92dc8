import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { describeFailure, unwrap } from '../../api/problem.js';
import { toast } from '../../components/toast.js';
import { useSwitchSession } from '../auth/session.js';

/**
 * Ends the support session. The frame then returns the operator to the page it left
 * (useReturnAfterImpersonation), once the new session has reached the routes.
 */
export function useStopImpersonation() {
  const switchSession = useSwitchSession();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/impersonation/stop')),
    onSuccess: (session) => switchSession(session),
    onError: (failure) => toast(describeFailure(failure), 'failure'),
  });
}
