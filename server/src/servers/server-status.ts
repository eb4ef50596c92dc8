/** How often an agent reports; the agent's timer and the panel's verdict read the same figure. */
export const heartbeatMs = 10_000;

/** A server is offline after three missed heartbeats. */
export const offlineAfterMs = 3 * heartbeatMs;

/**
 * Online: its agent reported within the last few heartbeats. The local server is the panel's own
 * machine, served by the panel's in-process reconciler, so it is online whenever the panel answers.
 */
export function serverStatus(server: { local: boolean; lastSeenAt: Date | null }, now: Date) {
  if (server.local) return 'online' as const;
  const recent = server.lastSeenAt && now.getTime() - server.lastSeenAt.getTime() <= offlineAfterMs;
  return recent ? ('online' as const) : ('offline' as const);
}
