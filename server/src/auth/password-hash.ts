import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id parameters: 19 MiB, 2 iterations, 1 lane.
const parameters = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** The same password typed in another Unicode form must still match. */
const normalize = (password: string) => password.normalize('NFC');

export function hashPassword(password: string): Promise<string> {
  return hash(normalize(password), parameters);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalize(password));
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Verifies against a fixed hash so a login for an unknown email costs the same time as one for
 * a known email with a wrong password.
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('keel decoy password that matches nothing');
  await verifyPassword(await decoy, password);
  return false;
}
