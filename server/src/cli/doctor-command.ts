import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { checkInventory, type InventoryFinding } from '../provisioning/inventory.js';
import { inventoryDrivers } from '../provisioning/inventory-drivers.js';
import type { Command } from './commands.js';
import { withSystemContext } from './system-context.js';

const describe = (finding: InventoryFinding) =>
  `  ${finding.kind.padEnd(14)} ${finding.name}${finding.host ? `@${finding.host}` : ''}`;

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Compare the services with what Keel knows and list orphans both ways',
  usage: `keel doctor

Lists vhost files, home directories, MariaDB databases and users, and zones on Keel's PowerDNS
that exist on the services but are unknown to Keel (orphans), and resources Keel applied that the
services no longer have. Services that are not configured (KEEL_WEB_PORT, KEEL_MARIADB_URL,
KEEL_DNS_PORT) are not checked.
Exits with 1 when it finds anything, 0 when all is in order.`,
  async run(args) {
    parseArgs({ args, options: {}, allowPositionals: false });
    const drivers = inventoryDrivers(loadConfig());
    try {
      const findings = await withSystemContext((ctx) => checkInventory(ctx.db, drivers));
      const orphans = findings.filter((finding) => finding.problem === 'orphan');
      const missing = findings.filter((finding) => finding.problem === 'missing');
      if (orphans.length > 0)
        console.log(['On the services but unknown to Keel:', ...orphans.map(describe)].join('\n'));
      if (missing.length > 0)
        console.log(['Applied by Keel but missing on the services:', ...missing.map(describe)].join('\n'));
      const checked = [
        drivers.websites ? 'websites' : null,
        drivers.databases ? 'databases' : null,
        drivers.dnsZones ? 'DNS zones' : null,
      ].filter(Boolean);
      if (findings.length === 0)
        console.log(`All in order (checked: ${checked.join(', ') || 'no service configured'}).`);
      return findings.length === 0 ? 0 : 1;
    } finally {
      await drivers.close();
    }
  },
};
