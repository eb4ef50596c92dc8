import path from 'node:path';
import { unsafeKeptRepositories } from '../backups/kept-repositories.js';
import { unsafeRepositoryFindings } from '../backups/repository-inventory.js';
import type { Context } from '../context.js';
import { unsafeWaitingPurges } from '../customers/purge-progress.js';
import { markForRepair, resourcesById } from '../hosting/repair-resources.js';
import { DatabaseStore } from '../provisioning/database-store.js';
import { findDrift } from '../provisioning/drift.js';
import type { ForeignFile } from '../provisioning/drivers/types.js';
import { checkInventory, type InventoryFinding } from '../provisioning/inventory.js';
import { localServer } from '../provisioning/server-ref.js';
import type { KindOnService } from '../provisioning/services.js';

export interface DoctorReport {
  /** What `keel doctor` prints, section by section. */
  lines: string[];
  inOrder: boolean;
}

const item = (finding: InventoryFinding) =>
  `  ${finding.kind.padEnd(14)} ${finding.name}${finding.host ? `@${finding.host}` : ''}`;

/**
 * keel doctor's checks over the given services: orphans both ways, resources that differ from
 * what Keel applied (edited or removed by hand), files Keel did not write in its directories,
 * backup repositories without their customer or key and customers' missing ones, and purges that wait. With `repair`, drifted resources are sent to be applied again (audited as
 * repairs); it never touches a service itself, which belongs to the running Keel.
 */
export async function doctor(
  ctx: Context,
  kinds: readonly KindOnService[],
  options: { repair: boolean; backupDir: string },
): Promise<DoctorReport> {
  const lines: string[] = [];
  const findings = await checkInventory(ctx.db, [...kinds], localServer);
  const orphans = findings.filter((finding) => finding.problem === 'orphan');
  const missing = findings.filter((finding) => finding.problem === 'missing');
  if (orphans.length > 0)
    lines.push('On the services but unknown to Keel or left over:', ...orphans.map(item));
  if (missing.length > 0) lines.push('Applied by Keel but missing on the services:', ...missing.map(item));

  // The services of this machine: the local server's resources (issue 19 leaves other servers' to their agents).
  const store = new DatabaseStore({ db: ctx.db, server: localServer, signals: ctx.signals, now: ctx.now });
  const drifted: string[] = [];
  const foreign: ForeignFile[] = [];
  const unchecked: string[] = [];
  let repairing = 0;
  for (const entry of kinds) {
    const report = await findDrift(store, entry, { setAside: false, effects: true });
    if (!report) continue;
    foreign.push(...report.foreign);
    unchecked.push(...(report.unchecked ?? []));
    const rows = await resourcesById(
      ctx.db,
      entry.kind,
      report.drifted.map((drift) => drift.id),
    );
    for (const drift of report.drifted) {
      const row = rows.get(drift.id);
      const name = row ? entry.kind.label(row) : '';
      drifted.push(`  ${entry.kind.noun.padEnd(14)} ${name} (${drift.id}): ${drift.differences.join('; ')}`);
    }
    if (options.repair)
      repairing += (await markForRepair(ctx, entry.kind, report.drifted, localServer)).length;
  }
  if (drifted.length > 0)
    lines.push(
      'Different from what Keel applied (edited or removed by hand, or serving wrongly):',
      ...drifted,
    );
  if (options.repair && drifted.length > 0)
    lines.push(`Sent ${repairing} of them to be applied again: the running Keel repairs them.`);
  if (foreign.length > 0) {
    lines.push(
      'Files Keel did not write, in directories it owns:',
      ...foreign.map(({ file }) => `  ${file}`),
    );
    if (options.repair) lines.push('The running Keel sets them aside at its next sweep.');
  }
  if (unchecked.length > 0) lines.push('Not checked:', ...unchecked.map((what) => `  ${what}`));

  const purges = (
    await unsafeWaitingPurges(
      ctx.db,
      kinds.map((entry) => entry.kind),
    )
  ).filter((purge) => purge.waitingFor.length > 0);
  if (purges.length > 0) {
    lines.push('Purges waiting for a service:');
    for (const purge of purges) {
      lines.push(
        `  customer ${purge.id} ${purge.email}:`,
        ...purge.waitingFor.map(
          (resource) =>
            `    ${resource.kind} ${resource.name} (${resource.id}): ${resource.error ?? 'not removed yet'}`,
        ),
      );
    }
  }

  const repositories = await unsafeRepositoryFindings(ctx.db, options.backupDir);
  const repositoryProblems = {
    'no customer': 'a repository of no customer (left over: delete it once you are sure)',
    'no key': 'a repository whose sealed password is gone: it cannot be read',
    missing: "the customer's repository is missing from the backup directory",
  };
  if (repositories.length > 0) {
    lines.push(
      `Backup repositories in ${options.backupDir}:`,
      ...repositories.map((finding) => `  ${finding.name}: ${repositoryProblems[finding.problem]}`),
    );
  }

  // Kept on purpose (backup setting keepAfterPurgeDays): listed so the operator knows, not a problem.
  const kept = await unsafeKeptRepositories(ctx.db);
  if (kept.length > 0) {
    lines.push(
      `Backups of purged customers, kept in ${path.join(options.backupDir, 'purged')}:`,
      ...kept.map(
        (repository) =>
          `  ${repository.directory} (${repository.customerEmail}): kept until ${repository.keptUntil.toISOString().slice(0, 10)}`,
      ),
    );
  }

  const inOrder =
    findings.length === 0 &&
    repositories.length === 0 &&
    drifted.length === 0 &&
    foreign.length === 0 &&
    unchecked.length === 0 &&
    purges.length === 0;
  if (inOrder) {
    const checked = kinds.filter((entry) => entry.driver).map((entry) => entry.kind.plural);
    lines.push(`All in order (checked: ${checked.join(', ') || 'no service configured'}).`);
  }
  return { lines, inOrder };
}
