import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { NewServer, Server } from '../../api/types.js';
import { useApiMutation } from '../../components/useApiMutation.js';

/**
 * Every server. `live`: their status changes with heartbeats, not with what the page does, so the
 * Servers page asks again every 15 s.
 */
export function useServers({ live = false, enabled = true } = {}) {
  return useQuery({
    queryKey: ['servers'],
    queryFn: () => unwrap(api.GET('/api/v1/servers')),
    refetchInterval: live ? 15_000 : false,
    enabled,
  });
}

/** A new server; its enrollment token is in the answer this once. */
export function useAddServer(onAdded: (server: Server, token: string) => void) {
  return useApiMutation({
    run: (body: NewServer) => unwrap(api.POST('/api/v1/servers', { body })),
    success: ({ server }) => `Server ${server.name} added`,
    onDone: ({ server, enrollmentToken }) => onAdded(server, enrollmentToken),
  });
}

/** Cuts the current agent off and gives a new one-time token. */
export function useReissueEnrollment(server: Server, onIssued: (token: string) => void) {
  return useApiMutation({
    run: () => unwrap(api.POST('/api/v1/servers/{id}/enrollment', { params: { path: { id: server.id } } })),
    success: () => `New enrollment token for ${server.name}`,
    onDone: ({ enrollmentToken }) => onIssued(enrollmentToken),
  });
}

export function useDeleteServer(server: Server, onDone: () => void) {
  return useApiMutation({
    run: () => unwrap(api.DELETE('/api/v1/servers/{id}', { params: { path: { id: server.id } } })),
    success: () => `Server ${server.name} removed`,
    onDone,
  });
}
