import { invisibleCharactersReason } from '../contract/visible-text.js';
import type { Checked } from '../hosting/names.js';

const MAX_DIRECTORY_LENGTH = 255;
// ':' separates the fields of pure-ftpd's users file.
const FORBIDDEN = /[:\\]/;

/**
 * An account's directory as stored: relative to the customer's home, '' for the home itself,
 * segments joined by '/'. A leading '/' means the home's root; '.' and empty segments are
 * dropped; '..' is refused, so no account ever reaches above its customer's home.
 */
export function normalizeFtpDirectory(input: string | undefined): Checked<string> {
  if (input === undefined) return { ok: true, value: '' };
  const reasons: string[] = [];
  const invisible = invisibleCharactersReason(input);
  if (invisible) reasons.push(`The directory ${invisible}.`);
  if (FORBIDDEN.test(input)) reasons.push('The directory may not contain ":" or "\\".');
  const segments = input.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) reasons.push("The directory must stay inside the customer's home (no '..').");
  const value = segments.join('/');
  if (value.length > MAX_DIRECTORY_LENGTH) {
    reasons.push(`The directory must be at most ${MAX_DIRECTORY_LENGTH} characters.`);
  }
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, value };
}
