import { createPackage } from '../../server/src/packages/create-package.js';
import type { PackageLimitsInput } from '../../server/src/packages/packages.schemas.js';
import type { TestApp } from './app.js';

/** Every limit of a package left open (null means unlimited). */
export const unlimited = {
  sites: null,
  databases: null,
  mailboxes: null,
  ftpAccounts: null,
  cronJobs: null,
  dnsZones: null,
  diskMb: null,
};

let made = 0;

/** A package created through the use case: the admins' own, or the given reseller's. */
export async function makePackage(
  keel: TestApp,
  input: { name?: string; resellerId?: string | null; limits?: PackageLimitsInput } = {},
) {
  made += 1;
  return createPackage(keel.system, {
    name: input.name ?? `Package ${made}`,
    resellerId: input.resellerId ?? null,
    limits: input.limits ?? {},
  });
}
