import type { Database } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { databases, dnsZones, websites } from '../db/schema/hosting.js';
import type { InventoryItem, InventoryKind, ResourceDriver } from './drivers/types.js';

export interface InventoryFinding {
  problem: 'orphan' | 'missing';
  kind: InventoryKind;
  name: string;
  host?: string;
}

interface Expected {
  /** Everything Keel knows: anything else on the service is an orphan. */
  known: Set<string>;
  /** What the service said it applied: each must still be there. */
  applied: Set<string>;
}

const onService = (items: InventoryItem[], kind: InventoryKind) => items.filter((item) => item.kind === kind);

function compare(kind: InventoryKind, found: InventoryItem[], expected: Expected): InventoryFinding[] {
  const present = new Set(found.map((item) => item.name));
  const orphans = found
    .filter((item) => !expected.known.has(item.name))
    .map(
      (item): InventoryFinding => ({
        problem: 'orphan',
        kind,
        name: item.name,
        ...(item.host ? { host: item.host } : {}),
      }),
    );
  const missing = [...expected.applied]
    .filter((name) => !present.has(name))
    .map((name): InventoryFinding => ({ problem: 'missing', kind, name }));
  return [...orphans, ...missing];
}

async function expectedWebsites(db: Database) {
  const rows = await db
    .select({ id: websites.id, customerId: websites.customerId, appliedState: websites.appliedState })
    .from(websites);
  const owners = await db.select({ id: customers.id }).from(customers);
  const applied = rows.filter((row) => row.appliedState === 'live' || row.appliedState === 'suspended');
  return {
    vhost: { known: new Set(rows.map((row) => row.id)), applied: new Set(applied.map((row) => row.id)) },
    home: {
      known: new Set(owners.map((row) => row.id)),
      applied: new Set(applied.map((row) => row.customerId)),
    },
  };
}

async function expectedDatabases(db: Database) {
  const rows = await db
    .select({ name: databases.name, user: databases.user, appliedState: databases.appliedState })
    .from(databases);
  const applied = rows.filter((row) => row.appliedState === 'live' || row.appliedState === 'suspended');
  return {
    database: {
      known: new Set(rows.map((row) => row.name)),
      applied: new Set(applied.map((row) => row.name)),
    },
    'database-user': {
      known: new Set(rows.map((row) => row.user)),
      applied: new Set(applied.map((row) => row.user)),
    },
  };
}

/** A withdrawn zone (suspended) is not on the name server: only live ones must be there. */
async function expectedDnsZones(db: Database): Promise<Expected> {
  const rows = await db.select({ id: dnsZones.id, appliedState: dnsZones.appliedState }).from(dnsZones);
  return {
    known: new Set(rows.map((row) => row.id)),
    applied: new Set(rows.filter((row) => row.appliedState === 'live').map((row) => row.id)),
  };
}

/**
 * Compares what exists on the services (vhost files, home directories, MariaDB databases and
 * users with Keel's prefix, zones on Keel's name server) with what Keel's rows say, both ways: orphans on a service, and
 * resources Keel applied that the service no longer has.
 */
export async function checkInventory(
  db: Database,
  drivers: {
    websites: ResourceDriver<unknown> | null;
    databases: ResourceDriver<unknown> | null;
    dnsZones: ResourceDriver<unknown> | null;
  },
): Promise<InventoryFinding[]> {
  const findings: InventoryFinding[] = [];
  if (drivers.websites) {
    const found = await drivers.websites.inventory();
    const expected = await expectedWebsites(db);
    findings.push(...compare('vhost', onService(found, 'vhost'), expected.vhost));
    findings.push(...compare('home', onService(found, 'home'), expected.home));
  }
  if (drivers.databases) {
    const found = await drivers.databases.inventory();
    const expected = await expectedDatabases(db);
    findings.push(...compare('database', onService(found, 'database'), expected.database));
    findings.push(...compare('database-user', onService(found, 'database-user'), expected['database-user']));
  }
  if (drivers.dnsZones) {
    const found = await drivers.dnsZones.inventory();
    findings.push(...compare('dns-zone', onService(found, 'dns-zone'), await expectedDnsZones(db)));
  }
  return findings;
}
