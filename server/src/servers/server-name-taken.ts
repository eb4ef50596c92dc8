import { isUniqueViolation } from '../db/unique-violation.js';
import { conflict } from '../errors/problem.js';

/** Runs a write that names a server; the unique index on the lower-cased name turns a taken one into a 409. */
export async function claimingServerName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'servers_name_key')) {
      throw conflict(`A server named "${name}" exists already.`, 'server-name-taken');
    }
    throw error;
  }
}
