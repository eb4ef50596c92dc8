import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../api/problem.js';
import { sessionKey, switchSession } from '../features/auth/session.js';

/**
 * A 401 anywhere (but from a credential check such as sign-in) means the session ended (timeout,
 * revoked): go back to sign-in. A session the security setting now holds to two-factor setup
 * (turned on for its role meanwhile) is read again, which shows the setup page.
 */
function onFailure(failure: unknown): void {
  if (!(failure instanceof ApiProblem)) return;
  if (failure.status === 401) switchSession(queryClient, null);
  else if (failure.is('two-factor-setup-required'))
    void queryClient.invalidateQueries({ queryKey: sessionKey });
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onFailure }),
  mutationCache: new MutationCache({
    onError: (failure, _variables, _context, mutation) => {
      if (!mutation.meta?.credentialCheck) onFailure(failure);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      retry: (count, failure) => !(failure instanceof ApiProblem) && count < 2,
    },
  },
});

declare module '@tanstack/react-query' {
  interface Register {
    /** `credentialCheck`: a 401 means the credentials were wrong, not that the session ended. */
    mutationMeta: { credentialCheck?: boolean };
  }
}
