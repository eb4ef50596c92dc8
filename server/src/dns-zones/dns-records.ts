import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { invisibleCharactersReason } from '../contract/visible-text.js';
import type { FieldError } from '../errors/problem.js';
import type { DnsRecord, DnsRecordType } from '../provisioning/drivers/powerdns/zone-desired.js';

/** A record as a client sends it: the TTL may be left out. */
export interface DnsRecordInput {
  name: string;
  type: DnsRecordType;
  ttl?: number;
  value: string;
}

export const DEFAULT_TTL = 3600;
export const MAX_RECORDS = 1000;

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
// Underscores are for service names (_dmarc, _sip._tcp, DKIM selectors), not host names, but
// records and CNAME targets carry them all the time.
const LABEL = /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)$/;
const UINT16 = /^\d{1,5}$/;
// C0 controls and DEL: a zone file cannot hold them unescaped and no client means to send them.
const hasControlCharacter = (text: string) =>
  [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };
const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

function labelsReason(labels: string[]): string | null {
  if (labels.some((label) => label === '')) return 'has an empty label (two dots in a row?)';
  if (labels.some((label) => label.length > MAX_LABEL_LENGTH))
    return `has a part longer than ${MAX_LABEL_LENGTH} characters`;
  if (labels.some((label) => !LABEL.test(label)))
    return 'may hold only letters, digits, hyphens and underscores, each part starting and ending with a letter, digit or underscore';
  return null;
}

/** Punycode for an internationalized name; IDNA would refuse the underscores of an ASCII one. */
function toAscii(name: string): string {
  return [...name].every((char) => char.charCodeAt(0) < 0x80) ? name : domainToASCII(name);
}

/**
 * The record's owner name relative to the zone: `@` for the apex. A name ending in the zone's
 * domain (with or without the final dot) is taken as meant for the zone, as panels do.
 */
function ownerName(input: string, zone: string): Checked<string> {
  const invisible = invisibleCharactersReason(input.normalize('NFC'));
  if (invisible) return refuse(`The name ${invisible}.`);
  let name = toAscii(input.trim().toLowerCase());
  if (name === '') return refuse('The name is not a valid internationalized name.');
  if (name === '@' || name === zone || name === `${zone}.`) return { ok: true, value: '@' };
  if (name.endsWith(`.${zone}.`)) name = name.slice(0, -(zone.length + 2));
  else if (name.endsWith(`.${zone}`)) name = name.slice(0, -(zone.length + 1));
  else if (name.endsWith('.')) return refuse(`The name ${input.trim()} is outside the zone ${zone}.`);
  const labels = name.split('.');
  const wildcard = labels[0] === '*';
  if (labels.slice(wildcard ? 1 : 0).includes('*'))
    return refuse('A wildcard (*) may only be the first part of a name.');
  const reason = labelsReason(wildcard ? labels.slice(1) : labels);
  if (reason) return refuse(`The name ${reason}.`);
  if (name.length + zone.length + 1 > MAX_NAME_LENGTH)
    return refuse(`The name with the zone is longer than ${MAX_NAME_LENGTH} characters.`);
  return { ok: true, value: name };
}

/** A fully qualified host name a record points to, without the final dot. */
function targetHost(input: string, what: string): Checked<string> {
  const invisible = invisibleCharactersReason(input.normalize('NFC'));
  if (invisible) return refuse(`The ${what} ${invisible}.`);
  const host = toAscii(input.trim().toLowerCase()).replace(/\.$/, '');
  if (host === '') return refuse(`The ${what} is empty.`);
  if (isIPv4(host) || isIPv6(host))
    return refuse(`The ${what} must be a host name, not an IP address (use an A or AAAA record for that).`);
  const labels = host.split('.');
  if (labels.length < 2) return refuse(`The ${what} must be a full host name, e.g. mail.example.com.`);
  const reason = labelsReason(labels);
  if (reason) return refuse(`The ${what} ${reason}.`);
  if (host.length > MAX_NAME_LENGTH)
    return refuse(`The ${what} is longer than ${MAX_NAME_LENGTH} characters.`);
  return { ok: true, value: host };
}

function uint(text: string | undefined, max: number, what: string): Checked<number> {
  if (text === undefined || !UINT16.test(text) || Number(text) > max)
    return refuse(`The ${what} must be a whole number from 0 to ${max}.`);
  return { ok: true, value: Number(text) };
}

/** `<numbers…> <host>`: MX and SRV values. */
function numbersThenHost(value: string, numbers: string[], format: string): Checked<string> {
  const parts = value.trim().split(/\s+/);
  if (parts.length !== numbers.length + 1) return refuse(`Enter the value as ${format}.`);
  const checked: string[] = [];
  for (const [index, what] of numbers.entries()) {
    const number = uint(parts[index], 65535, what);
    if (!number.ok) return number;
    checked.push(String(number.value));
  }
  const host = targetHost(parts[numbers.length] as string, 'target');
  return host.ok ? { ok: true, value: [...checked, host.value].join(' ') } : host;
}

function caaValue(value: string): Checked<string> {
  const match = /^\s*(\d{1,3})\s+([A-Za-z0-9]+)\s+(.+?)\s*$/.exec(value);
  if (!match) return refuse('Enter the value as <flags> <tag> <value>, e.g. 0 issue letsencrypt.org.');
  const [, flags, tag, rest] = match as unknown as [string, string, string, string];
  if (Number(flags) > 255) return refuse('The CAA flags must be a whole number from 0 to 255.');
  if (tag.length > 15) return refuse('The CAA tag must be at most 15 letters or digits.');
  const unquoted = rest.length >= 2 && rest.startsWith('"') && rest.endsWith('"') ? rest.slice(1, -1) : rest;
  if (unquoted.includes('"')) return refuse('The CAA value must not contain quotes.');
  return { ok: true, value: `${Number(flags)} ${tag.toLowerCase()} ${unquoted}` };
}

function recordValue(type: DnsRecordType, value: string): Checked<string> {
  if (hasControlCharacter(value))
    return refuse('The value must not contain control characters or line breaks.');
  const trimmed = value.trim();
  switch (type) {
    case 'A':
      return isIPv4(trimmed)
        ? { ok: true, value: trimmed }
        : refuse('Enter an IPv4 address, e.g. 192.0.2.10.');
    case 'AAAA':
      return isIPv6(trimmed)
        ? { ok: true, value: trimmed.toLowerCase() }
        : refuse('Enter an IPv6 address, e.g. 2001:db8::10.');
    case 'CNAME':
    case 'NS':
      return targetHost(trimmed, 'target');
    case 'MX':
      return numbersThenHost(trimmed, ['preference'], '<preference> <mail server>, e.g. 10 mail.example.com');
    case 'SRV':
      return numbersThenHost(
        trimmed,
        ['priority', 'weight', 'port'],
        '<priority> <weight> <port> <target>, e.g. 10 5 5060 sip.example.com',
      );
    case 'CAA':
      return caaValue(trimmed);
    case 'TXT':
      return value === '' ? refuse('The text is empty.') : { ok: true, value };
  }
}

/** The rules between records: what a resolver could not make sense of, or the zone's own. */
function setReasons(records: DnsRecord[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const ttls = new Map<string, number>();
  const typesAt = new Map<string, Set<DnsRecordType>>();
  records.forEach((record, index) => {
    const field = `records[${index}]`;
    if (record.name === '@' && record.type === 'CNAME')
      errors.push({ field: `${field}.type`, message: 'The zone apex cannot be a CNAME.' });
    if (record.name === '@' && record.type === 'NS')
      errors.push({
        field: `${field}.name`,
        message: "The zone's own name servers are the provider's; NS records are for delegating a subdomain.",
      });
    const key = `${record.name} ${record.type} ${record.value}`;
    const first = seen.get(key);
    if (first !== undefined)
      errors.push({ field, message: `The same record as records[${first}] appears twice.` });
    else seen.set(key, index);
    const rrset = `${record.name} ${record.type}`;
    const ttl = ttls.get(rrset);
    if (ttl === undefined) ttls.set(rrset, record.ttl);
    else if (ttl !== record.ttl)
      errors.push({
        field: `${field}.ttl`,
        message: `Records of one name and type share one TTL: ${record.name} ${record.type} has ${ttl} already.`,
      });
    const types = typesAt.get(record.name) ?? new Set<DnsRecordType>();
    types.add(record.type);
    typesAt.set(record.name, types);
  });
  for (const [name, types] of typesAt) {
    if (types.has('CNAME') && types.size > 1)
      errors.push({ field: 'records', message: `${name} has a CNAME, so it can have no other records.` });
  }
  return errors;
}

/**
 * Validates and normalizes a zone's records for `zone` (already a normalized domain): names made
 * relative, host names lower-case without the final dot, numbers canonical. Every reason is
 * returned, each with the field it concerns, so a form can mark them all at once.
 */
export function checkRecords(
  zone: string,
  inputs: readonly DnsRecordInput[],
): { ok: true; value: DnsRecord[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (inputs.length > MAX_RECORDS)
    return {
      ok: false,
      errors: [{ field: 'records', message: `A zone holds at most ${MAX_RECORDS} records.` }],
    };
  const records: DnsRecord[] = [];
  inputs.forEach((input, index) => {
    const name = ownerName(input.name, zone);
    const value = recordValue(input.type, input.value);
    if (!name.ok) errors.push({ field: `records[${index}].name`, message: name.reason });
    if (!value.ok) errors.push({ field: `records[${index}].value`, message: value.reason });
    if (name.ok && value.ok)
      records.push({ name: name.value, type: input.type, ttl: input.ttl ?? DEFAULT_TTL, value: value.value });
  });
  if (errors.length > 0) return { ok: false, errors };
  const conflicts = setReasons(records);
  return conflicts.length > 0 ? { ok: false, errors: conflicts } : { ok: true, value: records };
}
