import { record } from '../audit/record.js';
import { type Signals, systemContext } from '../context.js';
import type { Database } from '../db/database.js';
import { markForRepair } from '../hosting/repair-resources.js';
import {
  claimUnconverged,
  convergedClaims,
  knownIds,
  type Outcome,
  recordHeld,
  recordOutcomes,
  releaseClaims,
  retryFailedNow,
} from './claims.js';
import type { DriftReport, HeldResource } from './drivers/types.js';
import { homesToRemove, recordHomesRemoved } from './purged-homes.js';
import type { ExpectedItems, HostedKind } from './reconciled-kind.js';
import type { AppliedResources, ClaimedWork, ReconcilerStore } from './reconciler-store.js';
import type { ServerRef } from './server-ref.js';

// kind.desired reads rows by id: a bounded list keeps each query well under the parameter limit.
const chunk = 1000;

export interface DatabaseStoreOptions {
  db: Database;
  server: ServerRef;
  signals: Signals;
  /** Opens the private keys the drivers write (TLS, DKIM): desired states carry them in plain text. */
  panelKey: Buffer;
  now?: () => Date;
  /** Who the audit log names for repairs: Keel itself, reached in-process or through an agent. */
  userAgent?: string;
}

/**
 * The reconciler's store on the panel's database, limited to one server's resources: what the
 * panel's in-process reconciler uses for the local server, and what the agent routes answer an
 * agent with for its own.
 */
export class DatabaseStore implements ReconcilerStore {
  private readonly now: () => Date;

  constructor(private readonly options: DatabaseStoreOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async claim(kind: HostedKind, owner: string, limit: number): Promise<ClaimedWork> {
    const { db, server } = this.options;
    const claims = await claimUnconverged(db, kind, server, owner, this.now(), limit);
    if (claims.length === 0) return { claims, desired: [] };
    try {
      return { claims, desired: await kind.desired(db, claims, this.options.panelKey) };
    } catch (error) {
      return { claims, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async recordOutcomes(kind: HostedKind, owner: string, outcomes: Outcome[]): Promise<Date | null> {
    const { db, server } = this.options;
    const retryAt = await recordOutcomes(db, kind, server, owner, this.now(), outcomes);
    // A purge waits for its customer's resources to be gone; tell it when some went, and when a
    // claim it could not take back is let go (a row its unconfigured service never applied).
    const purgeable = new Set(
      outcomes
        .filter((o) => o.claim.state === 'absent' && (o.ok || o.unconfigured))
        .map((o) => o.claim.customerId),
    );
    for (const customerId of purgeable) this.options.signals.emit('purgeRequested', customerId);
    return retryAt;
  }

  recordHeld(kind: HostedKind, held: readonly HeldResource[]): Promise<void> {
    return recordHeld(this.options.db, kind, this.options.server, this.now(), held);
  }

  retryFailedNow(kind: HostedKind): Promise<number> {
    return retryFailedNow(this.options.db, kind, this.options.server);
  }

  releaseClaims(kinds: readonly HostedKind[]): Promise<void> {
    return releaseClaims(this.options.db, this.options.server, kinds);
  }

  async applied(kind: HostedKind): Promise<AppliedResources> {
    const { db, server } = this.options;
    const known = await knownIds(db, kind, server);
    const claims = await convergedClaims(db, kind, server, this.now());
    const applied: unknown[] = [];
    for (let start = 0; start < claims.length; start += chunk) {
      applied.push(...(await kind.desired(db, claims.slice(start, start + chunk), this.options.panelKey)));
    }
    return { applied, known };
  }

  expected(kind: HostedKind): Promise<Record<string, ExpectedItems>> {
    return kind.expected(this.options.db, this.options.server);
  }

  async reportDrift(kind: HostedKind, report: DriftReport): Promise<void> {
    // Repairs are made by Keel itself: the audit log names no user for them.
    const { db, signals, panelKey, userAgent } = this.options;
    const ctx = systemContext({
      db,
      signals,
      panelKey,
      now: this.now,
      userAgent: userAgent ?? 'keel reconciler',
    });
    // Only this server's resources: a report naming others' ids (a confused agent) repairs nothing of theirs.
    const ours = new Set(await knownIds(ctx.db, kind, this.options.server));
    await markForRepair(
      ctx,
      kind,
      report.drifted.filter((drift) => ours.has(drift.id)),
      this.options.server,
    );
    for (const { file, movedTo } of report.foreign) {
      await record(ctx.db, ctx, {
        action: 'service.file_set_aside',
        target: null,
        details: { service: kind.plural, file, movedTo },
      });
    }
  }

  async recordMeasured(kind: HostedKind, measured: unknown): Promise<void> {
    await kind.observe?.record(this.options.db, this.options.server, measured);
  }

  homesToRemove(kinds: readonly HostedKind[]): Promise<string[]> {
    return homesToRemove(this.options.db, this.options.server, kinds, this.now());
  }

  async homesRemoved(customerIds: string[]): Promise<void> {
    const removed = await recordHomesRemoved(this.options.db, this.options.server, customerIds, this.now());
    for (const customerId of removed) this.options.signals.emit('purgeRequested', customerId);
  }
}
