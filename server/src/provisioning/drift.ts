import type { DriftReport } from './drivers/types.js';
import type { ReconcilerStore } from './reconciler-store.js';
import type { KindOnService } from './services.js';

/**
 * What a kind's service has that differs from what Keel applied, by its driver's drift check;
 * null when the kind's service is not configured or its driver cannot tell.
 */
export async function findDrift(
  store: ReconcilerStore,
  { kind, driver }: KindOnService,
  options: { setAside: boolean; effects?: boolean },
): Promise<DriftReport | null> {
  if (!driver?.drift) return null;
  const { applied, known } = await store.applied(kind);
  return driver.drift({
    applied,
    known: new Set(known),
    setAside: options.setAside,
    effects: options.effects,
  });
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
export async function repairDrift(store: ReconcilerStore, kinds: readonly KindOnService[], log?: DriftLog) {
  for (const entry of kinds) {
    try {
      const report = await findDrift(store, entry, { setAside: true });
      if (!report) continue;
      for (const { file, movedTo } of report.foreign)
        log?.warn(`${file} was not written by Keel: set aside as ${movedTo}`);
      await store.reportDrift(entry.kind, report);
    } catch (error) {
      log?.error({ err: error }, `checking ${entry.kind.plural} for drift failed`);
    }
  }
}
