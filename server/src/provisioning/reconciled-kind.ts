import type { Database } from '../db/database.js';
import type { StatusStates } from '../hosting/effective-state.js';
import type { AnyResourceKind, HostedTable } from '../hosting/resource-kind.js';
import type { Claim } from './claims.js';
import type { ResourceDriver } from './drivers/types.js';
import type { ServerRef } from './server-ref.js';
import type { ServiceSettings, Stops } from './service-settings.js';

/** A service the configuration does not allow: the sentence names the missing setting. */
export interface UnavailableService {
  unavailable: string;
}

/** How a kind's service is started for the reconciler, or opened only to look (keel doctor). */
// biome-ignore lint/suspicious/noExplicitAny: a driver of any desired type
export interface KindService<Driver extends ResourceDriver<any>> {
  /**
   * Starts the service when the settings allow it, registering how to stop it; configured but
   * broken (nginx cannot start, a port taken) throws.
   */
  start(settings: ServiceSettings, stops: Stops): Promise<Driver | UnavailableService>;
  /** A driver that only reads (its inventory), nothing started; null when not configured. */
  inspect(settings: ServiceSettings, stops: Stops): Driver | null;
}

/** What keel doctor expects of one kind of item on a service (a driver's InventoryItem kind). */
export interface ExpectedItems {
  /** Everything Keel knows: anything else on the service is an orphan. */
  known: Set<string>;
  /** What the service said it applied: each must still be there. */
  applied: Set<string>;
}

/**
 * The reconciler's part of a resource kind (hosting/resource-kind.ts is the panel's): the same
 * object declares both. `desired` reads what the driver needs of each claimed row.
 */
export interface ReconciledKind<
  Desired = never,
  Driver extends ResourceDriver<Desired> = ResourceDriver<Desired>,
> {
  noun: string;
  /** As a sentence names several: "websites". */
  plural: string;
  table: HostedTable;
  statusStates: StatusStates;
  desired(db: Database, claims: Claim[], panelKey: Buffer): Promise<Desired[]>;
  service: KindService<Driver>;

  /**
   * What the server should have, by the InventoryItem kinds its driver reports: vhost and home,
   * database and database-user …
   */
  expected(db: Database, server: ServerRef): Promise<Record<string, ExpectedItems>>;
  /**
   * What only the service knows and the panel shows (a mailbox's used space), at each sweep:
   * measured where the driver runs (plain JSON, so an agent can send it), recorded by the panel
   * for the server's own resources only.
   */
  observe?: {
    measure(driver: Driver): Promise<unknown>;
    record(db: Database, server: ServerRef, measured: unknown): Promise<void>;
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the reconciler serves kinds of every desired type
export type AnyReconciledKind = ReconciledKind<any, ResourceDriver<any>>;

/** A kind as the composition roots register it: the panel's part and the reconciler's, one object. */
export type HostedKind = AnyResourceKind & AnyReconciledKind;
