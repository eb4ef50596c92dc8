import { parseArgs } from 'node:util';
import { readAgentCredential } from '../agent/agent-credential-file.js';
import { loadConfig } from '../config.js';
import { serviceSettings } from '../provisioning/service-settings.js';
import { inspectServices } from '../provisioning/services.js';
import { hostingKinds } from '../resource-kinds.js';
import { agentDoctor } from './agent-doctor.js';
import type { Command } from './commands.js';
import { doctor } from './doctor.js';
import { withSystemContext } from './system-context.js';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Compare the services with what Keel knows and applied; --repair sends drift to be repaired',
  usage: `keel doctor [--repair]

Lists what exists on the services but is unknown to Keel (orphans: vhost files, home
directories, MariaDB databases and users, zones on Keel's name server …) or should not be there
(vhost-held: a vhost nginx rejected, set aside; vhost-temp: a temporary file left by an
interrupted write, removed at the next start), resources Keel applied that the services no
longer have, resources that differ from what Keel applied (a vhost or zone file edited by hand,
a database user unlocked by hand while its customer is suspended …), files Keel did not write in
the directories it owns, and purges waiting for a resource its service has not taken down (with
the service's error), and backup repositories (KEEL_BACKUP_DIR) of no customer or without
their key, and customers whose repository is missing. Services that are not configured are not
checked.
On a hosting server run by \`keel agent\` (its KEEL_DATA_DIR holds the agent's credential), it
checks that machine's services against its own server's resources through the panel's agent API
(orphans: files, vhosts, zones, databases Keel made that no resource of that server claims; and
what that server applied but is missing); on the panel, the panel's own machine (the local
server), naming the other servers it leaves to doctor on their machines.
Exits with 1 when it finds anything, 0 when all is in order.

--repair  marks every resource that differs to be applied again, audited as a repair
          (<kind>.repaired), and wakes the running Keel, whose reconciler rewrites it: at once on
          PostgreSQL, else at its next sweep (KEEL_SWEEP_SECONDS) or start. Doctor itself never
          writes to a service; foreign files are set aside by the running Keel's sweep, and
          orphans are left for the operator to judge.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { repair: { type: 'boolean', default: false } },
      allowPositionals: false,
    });
    const config = loadConfig();
    const repair = values.repair === true;
    // An agent's machine: its data directory holds the agent's credential, and no database.
    const agent = await readAgentCredential(config.dataDir);
    const services = inspectServices(hostingKinds, serviceSettings(config));
    try {
      const report = agent
        ? await agentDoctor(agent, services.kinds, { repair })
        : await withSystemContext((ctx) =>
            doctor(ctx, services.kinds, { repair, backupDir: config.backupDir }),
          );
      console.log(report.lines.join('\n'));
      return report.inOrder ? 0 : 1;
    } finally {
      await services.stop();
    }
  },
};
