import { allowed, notNow, type Verdict } from '../access/policy.js';

/** What the rules about a server look at. */
export interface ServerFacts {
  local: boolean;
  customerCount: number;
}

export const serverActions = ['delete', 'reissueEnrollment'] as const;

/** The local server is the panel's own machine; a server with customers (soft-deleted ones too) keeps their data. */
export function mayDeleteServer(server: ServerFacts): Verdict {
  if (server.local)
    return notNow("The local server is the panel's own machine; it cannot be removed.", 'server-local');
  if (server.customerCount > 0)
    return notNow(
      `${server.customerCount} customer${server.customerCount === 1 ? ' lives' : 's live'} on this server; move or purge them first.`,
      'server-in-use',
    );
  return allowed;
}

/** The local server is served by the panel's in-process agent: there is nothing to enroll. */
export const mayReissueEnrollment = (server: Pick<ServerFacts, 'local'>): Verdict =>
  server.local
    ? notNow('The local server is served by the panel itself; it has no agent.', 'server-local')
    : allowed;

export const serverVerdicts = (server: ServerFacts) => ({
  delete: mayDeleteServer(server),
  reissueEnrollment: mayReissueEnrollment(server),
});
