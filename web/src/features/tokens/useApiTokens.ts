import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { ApiToken, NewApiToken } from '../../api/types.js';
import { useApiMutation } from '../../components/useApiMutation.js';

export function useApiTokens() {
  return useQuery({ queryKey: ['api-tokens'], queryFn: () => unwrap(api.GET('/api/v1/auth/tokens')) });
}

/** A new token; its secret is in the answer this once. */
export function useCreateApiToken(onCreated: (secret: string) => void) {
  return useApiMutation({
    run: (body: NewApiToken) => unwrap(api.POST('/api/v1/auth/tokens', { body })),
    success: ({ apiToken }) => `API token ${apiToken.name} created`,
    onDone: ({ token }) => onCreated(token),
  });
}

export function useRevokeApiToken(token: ApiToken, onDone: () => void) {
  return useApiMutation({
    run: () => unwrap(api.DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id: token.id } } })),
    success: () => `API token ${token.name} revoked`,
    onDone,
  });
}
