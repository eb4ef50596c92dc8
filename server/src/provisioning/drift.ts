import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import type { Database } from '../db/database.js';
import { markForRepair } from '../hosting/repair-resources.js';
import { convergedClaims, knownIds } from './claims.js';
import type { DriftReport } from './drivers/types.js';
import type { KindOnService } from './services.js';

// kind.desired reads rows by id: a bounded list keeps each query well under the parameter limit.
const chunk = 1000;

/**
 * What a kind's service has that differs from what Keel applied, by its driver's drift check;
 * null when the kind's service is not configured or its driver cannot tell.
 */
export async function findDrift(
  db: Database,
  { kind, driver }: KindOnService,
  options: { setAside: boolean; effects?: boolean; now: Date },
): Promise<DriftReport | null> {
  if (!driver?.drift) return null;
  const known = await knownIds(db, kind);
  const claims = await convergedClaims(db, kind, options.now);
  const applied: unknown[] = [];
  for (let start = 0; start < claims.length; start += chunk) {
    applied.push(...(await kind.desired(db, claims.slice(start, start + chunk))));
  }
  return driver.drift({ applied, known, setAside: options.setAside, effects: options.effects });
}

export interface DriftLog {
  warn(message: string): void;
  error(object: unknown, message: string): void;
}

/**
 * The reconciler's sweep: for every kind, finds what differs on its service, sends it to be applied
 * again (audited as a repair), and sets aside files Keel did not write, audited and logged. One
 * kind failing (MariaDB down) does not keep the others from being checked.
 */
export async function repairDrift(ctx: Context, kinds: readonly KindOnService[], log?: DriftLog) {
  for (const entry of kinds) {
    try {
      const report = await findDrift(ctx.db, entry, { setAside: true, now: ctx.now() });
      if (!report) continue;
      await markForRepair(ctx, entry.kind, report.drifted);
      for (const { file, movedTo } of report.foreign) {
        log?.warn(`${file} was not written by Keel: set aside as ${movedTo}`);
        await record(ctx.db, ctx, {
          action: 'service.file_set_aside',
          target: null,
          details: { service: entry.kind.plural, file, movedTo },
        });
      }
    } catch (error) {
      log?.error({ err: error }, `checking ${entry.kind.plural} for drift failed`);
    }
  }
}
