import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, rememberCsrfToken } from '../../api/client.js';
import { ApiProblem, unwrap } from '../../api/problem.js';
import type { Session } from '../../api/types.js';

export const sessionKey = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await unwrap(api.GET('/api/v1/auth/session'));
    rememberCsrfToken(session.csrfToken);
    return session;
  } catch (failure) {
    if (failure instanceof ApiProblem && failure.status === 401) return null;
    throw failure;
  }
}

/** The signed-in session (null when signed out). */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** The session of a page that is only shown when signed in. */
export function useSignedInSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession used outside a signed-in route');
  return data;
}

/** Switches the app to a new identity (login, impersonation, back to admin, logout). */
export function switchSession(queryClient: QueryClient, session: Session | null): void {
  rememberCsrfToken(session?.csrfToken ?? null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  // A session check still in flight was asked before the switch: its answer must not overwrite
  // the new session when it lands (a login link opened in a fresh tab signed in, then showed the
  // sign-in page). Cancelling takes effect at once; the request's answer is then ignored.
  void queryClient.cancelQueries({ queryKey: sessionKey });
  queryClient.setQueryData(sessionKey, session);
}

export function useSwitchSession() {
  const queryClient = useQueryClient();
  return useCallback((session: Session | null) => switchSession(queryClient, session), [queryClient]);
}
