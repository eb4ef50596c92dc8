import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { unsafeWaitingPurges } from '../customers/purge-progress.js';
import { checkInventory, type InventoryFinding } from '../provisioning/inventory.js';
import { serviceSettings } from '../provisioning/service-settings.js';
import { inspectServices } from '../provisioning/services.js';
import { hostingKinds } from '../resource-kinds.js';
import type { Command } from './commands.js';
import { withSystemContext } from './system-context.js';

const describe = (finding: InventoryFinding) =>
  `  ${finding.kind.padEnd(14)} ${finding.name}${finding.host ? `@${finding.host}` : ''}`;

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Compare the services with what Keel knows; list orphans both ways and purges that wait',
  usage: `keel doctor

Lists what exists on the services but is unknown to Keel (orphans: vhost files, home
directories, MariaDB databases and users, zones on Keel's name server …) or should not be there
(vhost-held: a vhost nginx rejected, set aside; vhost-temp: a temporary file left by an
interrupted write, removed at the next start), resources Keel applied
that the services no longer have, and purges waiting for a resource its service has not taken
down (with the service's error). Services that are not configured are not checked.
Exits with 1 when it finds anything, 0 when all is in order.`,
  async run(args) {
    parseArgs({ args, options: {}, allowPositionals: false });
    const services = inspectServices(hostingKinds, serviceSettings(loadConfig()));
    try {
      const { findings, purges } = await withSystemContext(async (ctx) => ({
        findings: await checkInventory(ctx.db, services.kinds),
        purges: (await unsafeWaitingPurges(ctx.db, hostingKinds)).filter(
          (purge) => purge.waitingFor.length > 0,
        ),
      }));
      const orphans = findings.filter((finding) => finding.problem === 'orphan');
      const missing = findings.filter((finding) => finding.problem === 'missing');
      if (orphans.length > 0)
        console.log(
          ['On the services but unknown to Keel or left over:', ...orphans.map(describe)].join('\n'),
        );
      if (missing.length > 0)
        console.log(['Applied by Keel but missing on the services:', ...missing.map(describe)].join('\n'));
      if (purges.length > 0) {
        const lines = purges.flatMap((purge) => [
          `  customer ${purge.id} ${purge.email}:`,
          ...purge.waitingFor.map(
            (resource) =>
              `    ${resource.kind} ${resource.name} (${resource.id}): ${resource.error ?? 'not removed yet'}`,
          ),
        ]);
        console.log(['Purges waiting for a service:', ...lines].join('\n'));
      }
      const checked = services.kinds.filter((entry) => entry.driver).map((entry) => entry.kind.plural);
      const inOrder = findings.length === 0 && purges.length === 0;
      if (inOrder) console.log(`All in order (checked: ${checked.join(', ') || 'no service configured'}).`);
      return inOrder ? 0 : 1;
    } finally {
      await services.stop();
    }
  },
};
