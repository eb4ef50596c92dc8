import { isUniqueViolation } from '../db/unique-violation.js';
import { conflict } from '../errors/problem.js';

/** Runs a write that sets a login email; the users' unique index turns a taken email into a 409. */
export async function claimingEmail<T>(email: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) {
      throw conflict(`A user with the email ${email} already exists.`, 'email-taken');
    }
    throw error;
  }
}
