import { rm } from 'node:fs/promises';
import { homeDirectory } from '../provisioning/drivers/files/customer-homes.js';
import type { ResourceDriver } from '../provisioning/drivers/types.js';
import type { VacateList } from './backup-job-store.js';

/** This machine's driver of a kind, by its noun; null when the machine does not run its service. */
export type DriverOf = (noun: string) => ResourceDriver<unknown> | null;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Takes a customer that moved away off this machine: each resource through its driver as if it
 * were deleted (vhost, php-fpm pool, database and user, mailbox, FTP account, zone …), then its
 * home. A service this machine does not run has nothing of the customer to take down.
 */
export async function vacateServer(
  homesDir: string,
  customerId: string,
  vacate: VacateList,
  driverOf: DriverOf,
): Promise<void> {
  const failures: string[] = [];
  for (const { noun, desired } of vacate) {
    const driver = driverOf(noun);
    if (!driver || desired.length === 0) continue;
    const results = await driver
      .apply(desired)
      .catch((error) => [{ id: noun, ok: false as const, error: message(error) }]);
    for (const result of results) if (!result.ok) failures.push(`${noun} ${result.id}: ${result.error}`);
  }
  await rm(homeDirectory(homesDir, customerId), { recursive: true, force: true });
  if (failures.length > 0) throw new Error(`Not removed: ${failures.join('; ')}`);
}
