import type { Database } from '../db/database.js';
import type { InventoryItem } from './drivers/types.js';
import type { ExpectedItems, HostedKind } from './reconciled-kind.js';
import { localServer, type ServerRef } from './server-ref.js';
import type { KindOnService } from './services.js';

export interface InventoryFinding {
  problem: 'orphan' | 'missing';
  /** The driver's word for the item: vhost, home, database, database-user, dns-zone … */
  kind: string;
  name: string;
  host?: string;
}

function compare(kind: string, found: InventoryItem[], expected: ExpectedItems): InventoryFinding[] {
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

/**
 * Compares what exists on each configured service (vhost files, home directories, MariaDB
 * databases and users with Keel's prefix, zones on Keel's name server …) with what Keel's rows
 * say, both ways: orphans on a service, and resources Keel applied that the service no longer has.
 */
export function checkInventory(
  db: Database,
  kinds: readonly KindOnService[],
  server: ServerRef = localServer,
): Promise<InventoryFinding[]> {
  return compareInventory(kinds, (kind) => kind.expected(db, server));
}

/** checkInventory with what each kind expects from wherever it is known (the panel's API on an agent). */
export async function compareInventory(
  kinds: readonly KindOnService[],
  expectedOf: (kind: HostedKind) => Promise<Record<string, ExpectedItems>>,
): Promise<InventoryFinding[]> {
  const findings: InventoryFinding[] = [];
  for (const { kind, driver } of kinds) {
    if (!driver) continue;
    const found = await driver.inventory();
    for (const [itemKind, expected] of Object.entries(await expectedOf(kind))) {
      const onService = found.filter((item) => item.kind === itemKind);
      findings.push(...compare(itemKind, onService, expected));
    }
  }
  return findings;
}
