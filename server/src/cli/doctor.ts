import path from 'node:path';
import { unsafeKeptRepositories } from '../backups/kept-repositories.js';
import { unsafeRepositoryFindings } from '../backups/repository-inventory.js';
import type { Context } from '../context.js';
import { unsafeWaitingPurges } from '../customers/purge-progress.js';
import type { Queryable } from '../db/database.js';
import { markForRepair, resourcesById } from '../hosting/repair-resources.js';
import { DatabaseStore } from '../provisioning/database-store.js';
import { localServer } from '../provisioning/server-ref.js';
import type { KindOnService } from '../provisioning/services.js';
import { listServers } from '../servers/servers.queries.js';
import { allInOrder, checkServices, foreignAndUnchecked, servicesInOrder } from './doctor-services.js';

export interface DoctorReport {
  /** What `keel doctor` prints, section by section. */
  lines: string[];
  inOrder: boolean;
}

/** The servers whose services only doctor on their own machines can see. */
async function otherServers(db: Queryable, now: Date) {
  return (await listServers(db, now)).filter((server) => !server.local);
}

/**
 * keel doctor's checks over the given services: orphans both ways, resources that differ from
 * what Keel applied (edited or removed by hand), files Keel did not write in its directories,
 * backup repositories without their customer or key and customers' missing ones, and purges that wait. With `repair`, drifted resources are sent to be applied again (audited as
 * repairs); it never touches a service itself, which belongs to the running Keel. The services
 * are this machine's, the local server's; other servers are checked by doctor on their machines.
 */
export async function doctor(
  ctx: Context,
  kinds: readonly KindOnService[],
  options: { repair: boolean; backupDir: string },
): Promise<DoctorReport> {
  const store = new DatabaseStore({
    db: ctx.db,
    server: localServer,
    signals: ctx.signals,
    panelKey: ctx.panelKey,
    now: ctx.now,
  });
  const services = await checkServices(store, kinds, async (kind, ids) => {
    const rows = await resourcesById(ctx.db, kind, ids);
    return new Map([...rows].map(([id, row]) => [id, kind.label(row)]));
  });
  const lines = [...services.lines];
  if (options.repair && services.drifted.length > 0) {
    let repairing = 0;
    for (const { kind, drifts } of services.drifted)
      repairing += (await markForRepair(ctx, kind, drifts, localServer)).length;
    lines.push(`Sent ${repairing} of them to be applied again: the running Keel repairs them.`);
  }
  lines.push(...foreignAndUnchecked(services, options.repair));

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

  const inOrder = servicesInOrder(services) && repositories.length === 0 && purges.length === 0;
  if (inOrder) lines.push(allInOrder(kinds));
  const elsewhere = await otherServers(ctx.db, ctx.now());
  if (elsewhere.length > 0)
    lines.push(
      'Not checked from here (run keel doctor on their machines, as their agents run):',
      ...elsewhere.map((server) => `  ${server.name} (${server.status})`),
    );
  return { lines, inOrder };
}
