import { isUniqueViolation } from '../db/unique-violation.js';
import { conflict } from '../errors/problem.js';

/** Runs a write that names a package; the per-owner unique index turns a taken name into a 409. */
export async function claimingPackageName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'packages_owner_name_key')) {
      throw conflict(`This owner already has a package named "${name}".`, 'package-name-taken');
    }
    throw error;
  }
}
