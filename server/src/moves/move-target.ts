import { allowed, type Verdict } from '../access/policy.js';
import type { Queryable } from '../db/database.js';
import type { servers } from '../db/schema/servers.js';
import { conflict, unprocessable } from '../errors/problem.js';
import { serverNeeds } from '../servers/place-customer.js';
import { serverStatus } from '../servers/server-status.js';

type ServerRow = typeof servers.$inferSelect;

/** Refused for what the server is: 422 on `serverId`, with the problem's slug. */
const unfit = (reason: string, message: string, slug: string): Verdict => ({
  allowed: false,
  reason,
  problem: () => unprocessable(reason, [{ field: 'serverId', message }], slug),
});

/**
 * Whether a server can take this customer in a move: not the server it lives on, online, in its
 * package's server group if the package is bound to one, and with every role it needs — what
 * placement asks of a new customer's server (serverNeeds). The move enforces it
 * (move-customer.ts) and GET /customers/{id}/move-targets presents it, so the dialog offers only
 * what the move accepts.
 */
export async function moveTargetRule(
  db: Queryable,
  customer: { serverId: string; packageId: string | null },
  now: Date,
): Promise<(server: ServerRow) => Verdict> {
  const needs = await serverNeeds(db, customer.packageId);
  return (server) => {
    if (server.id === customer.serverId)
      return unfit(
        'The customer already lives on this server.',
        'is the server the customer lives on',
        'same-server',
      );
    if (serverStatus(server, now) !== 'online') {
      const reason = `Server ${server.name} is offline; start its agent first.`;
      return { allowed: false, reason, problem: () => conflict(reason, 'server-offline') };
    }
    if (needs.group !== null && server.group !== needs.group)
      return unfit(
        `The customer's package places its customers in the server group "${needs.group}".`,
        `is not in the server group "${needs.group}"`,
        'server-outside-group',
      );
    const missing = needs.roles.filter((role) => !server.roles.includes(role));
    if (missing.length > 0)
      return unfit(
        `Server ${server.name} lacks the roles this customer needs: ${missing.join(', ')}.`,
        `lacks the roles ${missing.join(', ')}`,
        'server-lacks-roles',
      );
    return allowed;
  };
}
