import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { invisibleCharactersReason } from '../contract/visible-text.js';

/** A validated value, or every reason the input was refused (shown to the user as-is). */
export type Checked<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

const MAX_DOMAIN_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
// MariaDB's own limits: 64 characters for a database name, 80 for a user name (10.11; MySQL 5.7 had 32).
export const MAX_DATABASE_NAME_LENGTH = 64;
export const MAX_DATABASE_USER_LENGTH = 80;
// pure-ftpd's own limit on a login name (MAX_USER_LENGTH).
export const MAX_FTP_USER_LENGTH = 32;

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const IPV4 = /^\d+(?:\.\d+){3}$/;
// Everything ASCII a host name may hold; other ASCII is refused before IDNA mapping sees it,
// because WHATWG host parsing would silently cut "a/b.com" down to "a".
const ASCII_ALLOWED = /^[a-z0-9.-]$/;
const CUSTOMER_PREFIX = /^k[0-9a-f]{8}_$/;
const KEEL_IDENTIFIER = /^k[0-9a-f]{8}_[a-z][a-z0-9_]*$/;

/** Normalizes a website's domain to the lower-case ASCII (punycode) form nginx and DNS use. */
export function normalizeDomain(input: string): Checked<string> {
  const trimmed = input.trim().normalize('NFC').toLowerCase();
  if (trimmed === '') return { ok: false, reasons: ['The domain is empty.'] };
  // Before IDNA: its mapping drops some of them silently (a soft hyphen, a zero-width space), so a
  // name that shows as one thing would be hosted as another.
  const invisible = invisibleCharactersReason(trimmed);
  if (invisible) return { ok: false, reasons: [`The domain ${invisible}.`] };
  const reasons = asciiReasons(trimmed);
  if (reasons.length > 0) return { ok: false, reasons };
  const ascii = domainToASCII(trimmed);
  if (ascii === '')
    return { ok: false, reasons: ['The domain is not a valid internationalized domain name.'] };
  return checkHostName(ascii);
}

/**
 * True when `value` is already what normalizeDomain makes of it: drivers write domains into
 * service configuration and accept only this form, whatever their caller checked.
 */
export function isNormalizedDomain(value: string): boolean {
  const normalized = normalizeDomain(value);
  return normalized.ok && normalized.value === value && /^[a-z0-9.-]+$/.test(value);
}

function asciiReasons(domain: string): string[] {
  const reasons: string[] = [];
  const bad = new Set<string>();
  for (const char of domain) {
    if (char.charCodeAt(0) < 128 && !ASCII_ALLOWED.test(char)) bad.add(char);
  }
  if (bad.has('*')) reasons.push('Wildcard domains are not supported.');
  if (bad.has('/') || bad.has('\\') || bad.has('?') || bad.has('#')) {
    reasons.push('Enter a domain only, without a path, query or scheme.');
  }
  if (bad.has(':')) reasons.push('Enter a domain without a port or scheme.');
  if (bad.has('@')) reasons.push('Enter a domain without a user name.');
  if (domain.startsWith('[')) reasons.push('IP addresses cannot be used as a domain.');
  if (reasons.length === 0 && bad.size > 0) {
    const shown = [...bad].map((c) => JSON.stringify(c)).join(' ');
    reasons.push(`The domain contains characters that are not allowed: ${shown}.`);
  }
  return reasons;
}

function checkHostName(ascii: string): Checked<string> {
  const reasons: string[] = [];
  // Full-width forms (＊) reach here mapped to ASCII by IDNA.
  if (ascii.includes('*')) return { ok: false, reasons: ['Wildcard domains are not supported.'] };
  if (ascii.endsWith('.')) reasons.push('The domain must not end with a dot.');
  const labels = (ascii.endsWith('.') ? ascii.slice(0, -1) : ascii).split('.');
  if (labels.length < 2) reasons.push('The domain must contain at least one dot, e.g. example.com.');
  if (labels.some((label) => label === ''))
    reasons.push('The domain has an empty label (two dots in a row?).');
  if (labels.some((label) => label.length > MAX_LABEL_LENGTH)) {
    reasons.push(`Each part of the domain must be at most ${MAX_LABEL_LENGTH} characters.`);
  }
  if (labels.some((label) => label !== '' && label.length <= MAX_LABEL_LENGTH && !LABEL.test(label))) {
    reasons.push('Each part of the domain must start and end with a letter or digit.');
  }
  if (ascii.length > MAX_DOMAIN_LENGTH) {
    reasons.push(`The domain must be at most ${MAX_DOMAIN_LENGTH} characters.`);
  }
  const tld = labels[labels.length - 1] ?? '';
  if (IPV4.test(ascii) || /^\d+$/.test(tld)) reasons.push('IP addresses cannot be used as a domain.');
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, value: ascii };
}

/**
 * The per-customer prefix of its MariaDB names: "k" + 8 hex + "_". Hashing the id (rather than
 * cutting it) keeps prefixes spread out even for time-ordered ids created in the same second.
 */
export function customerPrefix(customerId: string): string {
  return `k${createHash('sha256').update(customerId).digest('hex').slice(0, 8)}_`;
}

/** Full database name for a customer's requested name. */
export function databaseName(prefix: string, requested: string): Checked<string> {
  return prefixedIdentifier(prefix, requested, MAX_DATABASE_NAME_LENGTH, 'database name');
}

/** Full MariaDB user name for a customer's requested name (usually the database's own name). */
export function databaseUserName(prefix: string, requested: string): Checked<string> {
  return prefixedIdentifier(prefix, requested, MAX_DATABASE_USER_LENGTH, 'database user name');
}

/** Full FTP login for a customer's requested name. */
export function ftpUserName(prefix: string, requested: string): Checked<string> {
  return prefixedIdentifier(prefix, requested, MAX_FTP_USER_LENGTH, 'FTP user name');
}

function prefixedIdentifier(
  prefix: string,
  requested: string,
  maxLength: number,
  what: string,
): Checked<string> {
  if (!CUSTOMER_PREFIX.test(prefix))
    return { ok: false, reasons: [`Invalid customer prefix for a ${what}.`] };
  const name = requested.trim().toLowerCase();
  const room = maxLength - prefix.length;
  const reasons: string[] = [];
  if (name === '') reasons.push(`The ${what} is empty.`);
  else if (!/^[a-z]/.test(name)) reasons.push(`The ${what} must start with a letter.`);
  if (/[^a-z0-9_]/.test(name)) reasons.push(`The ${what} may contain only letters, digits and underscores.`);
  if (name.length > room) reasons.push(`The ${what} must be at most ${room} characters.`);
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, value: `${prefix}${name}` };
}

/** True for a complete database name Keel made; drivers refuse to touch any other. */
export function isKeelDatabaseName(name: string): boolean {
  return KEEL_IDENTIFIER.test(name) && name.length <= MAX_DATABASE_NAME_LENGTH;
}

/** True for a complete MariaDB user name Keel made; drivers refuse to touch any other. */
export function isKeelDatabaseUser(name: string): boolean {
  return KEEL_IDENTIFIER.test(name) && name.length <= MAX_DATABASE_USER_LENGTH;
}

/** True for a complete FTP login Keel made; the driver writes no other into pure-ftpd's users file. */
export function isKeelFtpUser(name: string): boolean {
  return KEEL_IDENTIFIER.test(name) && name.length <= MAX_FTP_USER_LENGTH;
}
