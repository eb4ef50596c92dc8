import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

/** The bundled list of about 49,000 common passwords (zxcvbn-ts), compared case-insensitively. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return common.has(password.toLowerCase());
}
