import type { HostedCustomer } from './hosted-customer.js';
import type { HostingServices } from './hosting-services.js';
import { millisecondsUntil, type Probes } from './probes.js';

/** One change of the customer's status, as the services showed it. */
export interface DirectionFigures {
  /** From the use case's call until every site answered with the target status. */
  sitesMs: number;
  /** From the use case's call until every database user's login had the target outcome. */
  accountsMs: number;
  /** nginx reloads from the call until the reconciler had nothing left to do. */
  reloads: number;
}

export interface Direction {
  name: 'suspend' | 'reactivate';
  change(): Promise<unknown>;
  siteStatus: 503 | 200;
  accounts: 'locked' | 'open';
}

// Far beyond the 2 s target: only a reconciler that is stuck gets here.
const TIMEOUT_MS = 60_000;

export async function measureDirection(
  services: HostingServices,
  probes: Probes,
  customer: HostedCustomer,
  direction: Direction,
): Promise<DirectionFigures> {
  // Start from rest, so no reload of an earlier change is counted here.
  await services.reconciler.settle();
  const reloadsBefore = services.nginx.reloads;
  const since = performance.now();
  await direction.change();
  const [sitesMs, accountsMs] = await Promise.all([
    millisecondsUntil(
      since,
      customer.domains,
      (domain) => probes.siteAnswers(domain, direction.siteStatus),
      TIMEOUT_MS,
    ),
    millisecondsUntil(
      since,
      customer.databases,
      (account) => probes.accountIs(account, direction.accounts),
      TIMEOUT_MS,
    ),
  ]);
  await services.reconciler.settle();
  return { sitesMs, accountsMs, reloads: services.nginx.reloads - reloadsBefore };
}
