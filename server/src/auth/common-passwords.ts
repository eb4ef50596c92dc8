import { createRequire } from 'node:module';

let common: Set<string> | undefined;

/**
 * The bundled list of about 49,000 common passwords (zxcvbn-ts), compared case-insensitively.
 * Loaded at the first password set rather than when Keel starts: the package with its word lists
 * took about 2 MiB of Keel's heap (docs/performance.md).
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    (
      createRequire(import.meta.url)(
        '@zxcvbn-ts/language-common',
      ) as typeof import('@zxcvbn-ts/language-common')
    ).dictionary['passwords-common'].map((entry) => entry.toLowerCase()),
  );
  return common.has(password.toLowerCase());
}
