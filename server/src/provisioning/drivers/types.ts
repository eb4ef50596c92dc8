/**
 * What the reconciler hands a driver and gets back. A batch holds the desired state of each
 * resource that needs converging; the driver answers once per resource, in any order. Every
 * step is idempotent, so re-applying a state already in place is a cheap no-op.
 */

/**
 * live: serve/usable; held: still receiving for its owner (mail delivered) but not usable by it;
 * suspended: 503 page / account locked, data kept; absent: removed everywhere.
 */
export type DesiredState = 'live' | 'held' | 'suspended' | 'absent';

export type ApplyResult = { id: string; ok: true } | { id: string; ok: false; error: string };

/**
 * Something that exists on a service; `kind` is the driver's own word for it (vhost, home,
 * database-user …) and `name` a resource id or the service's own name for it.
 */
export interface InventoryItem {
  kind: string;
  name: string;
  /** The MariaDB host part of a database user, e.g. localhost. */
  host?: string;
}

/** A resource its service had to take off outside its own batch, and why. */
export interface HeldResource {
  id: string;
  error: string;
}

/** A resource its service no longer has as Keel applied it, and in what way (`vhost edited by hand`). */
export interface Drift {
  id: string;
  differences: string[];
}

/** A file in a directory Keel owns that Keel did not write; `movedTo` once it was set aside. */
export interface ForeignFile {
  file: string;
  movedTo?: string;
}

export interface DriftReport {
  drifted: Drift[];
  foreign: ForeignFile[];
  /** What could not be checked, and why (nginx not answering at all): a finding of its own. */
  unchecked?: string[];
}

export interface DriftCheck<Desired> {
  /** Every resource the panel counts as applied, each in the state it was applied in. */
  applied: readonly Desired[];
  /** The id of every resource Keel has, applied or not: their files are Keel's, not foreign. */
  known: ReadonlySet<string>;
  /** Move foreign files out of the service's way (the reconciler), or only report them (keel doctor). */
  setAside: boolean;
  /**
   * Also ask the service what it does for each resource (nginx: what each site answers), where
   * that costs a request per resource: for an operator's keel doctor, not for every sweep.
   */
  effects?: boolean;
}

export interface ResourceDriver<Desired> {
  /**
   * How many resources one apply takes at most (the reconciler's default otherwise): a service
   * that pays a fixed cost per batch (nginx's check and reload) converges a bulk change in fewer,
   * larger batches.
   */
  readonly batchSize?: number;
  apply(batch: readonly Desired[]): Promise<ApplyResult[]>;
  inventory(): Promise<InventoryItem[]>;
  /**
   * Resources taken off the service since the last call while applying others or starting
   * (nginx sets aside a vhost it rejects so the rest can go live). The reconciler shows their
   * error and applies them again after the usual backoff.
   */
  takeHeld?(): HeldResource[];
  /**
   * A cheap check that the service answers at all (MariaDB: a ping). After failures, the
   * reconciler asks it to tell a service that is down from resources that fail on their own,
   * and keeps asking while it is down, so the waiting resources retry the moment it is back.
   * A driver without it recovers when one of its batches succeeds again.
   */
  reachable?(): Promise<boolean>;
  /**
   * Compares what the service has with what `apply` would make of each applied resource. Reads
   * only, apart from setting foreign files aside when asked: repairing is applying again.
   */
  drift?(check: DriftCheck<Desired>): Promise<DriftReport>;
}

export function failure(id: string, error: unknown): ApplyResult {
  return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
}
