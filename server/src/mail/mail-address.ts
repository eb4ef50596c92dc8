import { unprocessable } from '../errors/problem.js';
import { normalizeDomain } from '../hosting/names.js';
import { isMailAddress } from '../provisioning/drivers/mail/mail-desired.js';

type Checked = { ok: true; value: string; domain: string } | { ok: false; reason: string };

/**
 * An address as Keel stores it: lower-case, its domain in punycode. The local part keeps to
 * letters, digits and `. _ + -` (no quoting, no leading, trailing or doubled dot), which every
 * mail program accepts and no Postfix map or passwd-file line can be broken by.
 */
export function normalizeMailAddress(input: string): Checked {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1)
    return { ok: false, reason: 'Enter an address like name@example.com.' };
  const local = trimmed.slice(0, at).toLowerCase();
  const domain = normalizeDomain(trimmed.slice(at + 1));
  if (!domain.ok) return { ok: false, reason: domain.reasons.join(' ') };
  if (local.length > 64) return { ok: false, reason: 'The part before @ is longer than 64 characters.' };
  const address = `${local}@${domain.value}`;
  if (!isMailAddress(address))
    return {
      ok: false,
      reason:
        'The part before @ may hold letters, digits, dots, hyphens, underscores and plus signs, starting with a letter or digit and without two dots in a row.',
    };
  return { ok: true, value: address, domain: domain.value };
}

/** The address a client asked for, normalized; a 422 naming `field` if not. */
export function requestedAddress(input: string, field: string): { address: string; domain: string } {
  const checked = normalizeMailAddress(input);
  if (checked.ok) return { address: checked.value, domain: checked.domain };
  throw unprocessable(checked.reason, [{ field, message: checked.reason }], 'invalid-address');
}
