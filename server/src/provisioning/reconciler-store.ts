import type { Claim, Outcome } from './claims.js';
import type { DriftReport, HeldResource } from './drivers/types.js';
import type { ExpectedItems, HostedKind } from './reconciled-kind.js';

/** Claims with what the driver needs of each, or why that could not be read (the batch fails). */
export type ClaimedWork = { claims: Claim[]; desired: unknown[] } | { claims: Claim[]; error: string };

/** The converged resources of a kind, in the driver's terms, and every id whose files are Keel's. */
export interface AppliedResources {
  applied: unknown[];
  known: string[];
}

/**
 * Everything the reconciler reads or writes of the panel's state, for one server's resources.
 * The panel's in-process reconciler uses it on the database (database-store.ts); an agent on
 * another machine uses it over HTTP (agent/panel-store.ts) and never holds database credentials.
 * Whatever is handed over is plain JSON: drivers' desired states, claims, outcomes, drift reports.
 */
export interface ReconcilerStore {
  /** Up to `limit` resources whose service differs from the panel, held under `owner`'s lease. */
  claim(kind: HostedKind, owner: string, limit: number): Promise<ClaimedWork>;
  /** What the driver did; answers the earliest retry time set, or null when nothing failed. */
  recordOutcomes(kind: HostedKind, owner: string, outcomes: Outcome[]): Promise<Date | null>;
  /** Resources the service took off outside their own batch (nginx set a rejected vhost aside). */
  recordHeld(kind: HostedKind, held: readonly HeldResource[]): Promise<void>;
  /** The kind's service answers again: its failed resources may retry now. Answers how many. */
  retryFailedNow(kind: HostedKind): Promise<number>;
  /** Lets go of every claim on this server's resources: the caller is its only reconciler. */
  releaseClaims(kinds: readonly HostedKind[]): Promise<void>;
  /** For the drift check. */
  applied(kind: HostedKind): Promise<AppliedResources>;
  /** For keel doctor: what this server's services should hold of the kind (orphans and missing). */
  expected(kind: HostedKind): Promise<Record<string, ExpectedItems>>;
  /** Sends drifted resources to be applied again and audits the files set aside. */
  reportDrift(kind: HostedKind, report: DriftReport): Promise<void>;
  /** What only the service knows and the panel shows (a mailbox's used space). */
  recordMeasured(kind: HostedKind, measured: unknown): Promise<void>;
  /**
   * Customers of this server being purged whose resources are gone: their homes go next, removed
   * where they are (provisioning/purged-homes.ts).
   */
  homesToRemove(kinds: readonly HostedKind[]): Promise<string[]>;
  /** Their homes are gone from this server: their purges may go on. */
  homesRemoved(customerIds: string[]): Promise<void>;
}
