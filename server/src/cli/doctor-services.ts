import { findDrift } from '../provisioning/drift.js';
import type { Drift, ForeignFile } from '../provisioning/drivers/types.js';
import { compareInventory, type InventoryFinding } from '../provisioning/inventory.js';
import type { HostedKind } from '../provisioning/reconciled-kind.js';
import type { ReconcilerStore } from '../provisioning/reconciler-store.js';
import type { KindOnService } from '../provisioning/services.js';

const item = (finding: InventoryFinding) =>
  `  ${finding.kind.padEnd(14)} ${finding.name}${finding.host ? `@${finding.host}` : ''}`;

/** How the report names drifted resources: by their label where the panel's rows are at hand. */
export type NameResources = (kind: HostedKind, ids: readonly string[]) => Promise<Map<string, string>>;

export interface ServicesCheck {
  /** The inventory's orphans and missing items, then what drifted. */
  lines: string[];
  findings: InventoryFinding[];
  /** What differs, by kind: what --repair sends to be applied again. */
  drifted: { kind: HostedKind; drifts: Drift[] }[];
  foreign: ForeignFile[];
  unchecked: string[];
}

/**
 * What keel doctor checks of one machine's services against its server's resources, as the store
 * gives them (the panel's database for its own machine, the panel's agent API on an agent's):
 * what is on a service that no resource of the server claims (orphans), what the server applied
 * that is gone (missing), what differs from what Keel applied, and files Keel did not write.
 */
export async function checkServices(
  store: ReconcilerStore,
  kinds: readonly KindOnService[],
  nameOf?: NameResources,
): Promise<ServicesCheck> {
  const lines: string[] = [];
  const findings = await compareInventory(kinds, (kind) => store.expected(kind));
  const orphans = findings.filter((finding) => finding.problem === 'orphan');
  const missing = findings.filter((finding) => finding.problem === 'missing');
  if (orphans.length > 0)
    lines.push('On the services but unknown to Keel or left over:', ...orphans.map(item));
  if (missing.length > 0) lines.push('Applied by Keel but missing on the services:', ...missing.map(item));

  const drifted: ServicesCheck['drifted'] = [];
  const driftLines: string[] = [];
  const foreign: ForeignFile[] = [];
  const unchecked: string[] = [];
  for (const entry of kinds) {
    const report = await findDrift(store, entry, { setAside: false, effects: true });
    if (!report) continue;
    foreign.push(...report.foreign);
    unchecked.push(...(report.unchecked ?? []));
    if (report.drifted.length === 0) continue;
    drifted.push({ kind: entry.kind, drifts: report.drifted });
    const ids = report.drifted.map((drift) => drift.id);
    const names = (await nameOf?.(entry.kind, ids)) ?? new Map<string, string>();
    for (const drift of report.drifted) {
      const name = names.get(drift.id) ?? '';
      driftLines.push(
        `  ${entry.kind.noun.padEnd(14)} ${name} (${drift.id}): ${drift.differences.join('; ')}`,
      );
    }
  }
  if (driftLines.length > 0)
    lines.push(
      'Different from what Keel applied (edited or removed by hand, or serving wrongly):',
      ...driftLines,
    );
  return { lines, findings, drifted, foreign, unchecked };
}

/** The report's closing lines on foreign files and what was not checked. */
export function foreignAndUnchecked(check: ServicesCheck, repair: boolean): string[] {
  const lines: string[] = [];
  if (check.foreign.length > 0) {
    lines.push(
      'Files Keel did not write, in directories it owns:',
      ...check.foreign.map(({ file }) => `  ${file}`),
    );
    if (repair) lines.push('The running Keel sets them aside at its next sweep.');
  }
  if (check.unchecked.length > 0) lines.push('Not checked:', ...check.unchecked.map((what) => `  ${what}`));
  return lines;
}

export const servicesInOrder = (check: ServicesCheck) =>
  check.findings.length === 0 &&
  check.drifted.length === 0 &&
  check.foreign.length === 0 &&
  check.unchecked.length === 0;

/** The line of a report that found nothing. */
export const allInOrder = (kinds: readonly KindOnService[]) =>
  `All in order (checked: ${
    kinds
      .filter((entry) => entry.driver)
      .map((entry) => entry.kind.plural)
      .join(', ') || 'no service configured'
  }).`;
