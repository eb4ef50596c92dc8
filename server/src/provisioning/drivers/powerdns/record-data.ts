import { isIP } from 'node:net';
import type { DnsRecord } from './zone-desired.js';

// Every character a name or host may hold in Keel's zone files. Anything else (whitespace, `;`,
// quotes, parentheses, `$`, `\`) could end the field and start a comment, a second record or a
// directive. Whether the name is well formed (`a..b`) is left to PowerDNS, which rejects the zone.
const NAME_CHARACTERS = /^[a-z0-9_*.-]+$/;
const HOST_CHARACTERS = /^[A-Za-z0-9_*.-]+$/;
const MAX_STRING_BYTES = 255;

/**
 * A record's owner name as written in the zone file: `@` for the apex, else relative to $ORIGIN.
 */
export function ownerName(name: string): string {
  if (name === '@' || NAME_CHARACTERS.test(name)) return name;
  throw new Error(`record name ${JSON.stringify(name)} holds characters a zone file cannot take`);
}

/**
 * The record's data in zone-file syntax, from the value formats of DnsRecord. Values PowerDNS
 * would accept at load and then fail to answer for (an A of 1.2.3.999, an MX preference of
 * "ten") are refused here, so a zone is either served whole or not changed at all.
 */
export function recordData(record: DnsRecord): string {
  const { type, value } = record;
  const fields = value.split(' ');
  switch (type) {
    case 'A':
      if (isIP(value) !== 4) throw invalid(record, 'an IPv4 address');
      return value;
    case 'AAAA':
      if (isIP(value) !== 6) throw invalid(record, 'an IPv6 address');
      return value;
    case 'CNAME':
    case 'NS':
      return absoluteHost(record, value);
    case 'MX': {
      const format = '<preference> <host>';
      const [preference, host] = exactly(record, fields, 2, format);
      return `${number(record, preference, 0xffff, format)} ${absoluteHost(record, host)}`;
    }
    case 'SRV': {
      const format = '<priority> <weight> <port> <host>';
      const [priority, weight, port, host] = exactly(record, fields, 4, format);
      const numbers = [priority, weight, port].map((field) => number(record, field, 0xffff, format));
      return `${numbers.join(' ')} ${absoluteHost(record, host)}`;
    }
    case 'CAA': {
      const format = '<flags> <tag> <value>';
      const [flags, tag] = fields;
      if (fields.length < 3 || !/^[A-Za-z0-9]+$/.test(tag ?? ''))
        throw invalid(record, `of the form ${format}`);
      const text = fields.slice(2).join(' ');
      return `${number(record, flags, 0xff, format)} ${tag} ${quoted(Buffer.from(text, 'utf8'))}`;
    }
    case 'TXT':
      return characterStrings(value);
    default:
      throw new Error(`record type ${JSON.stringify(type)} is not supported`);
  }
}

/** TXT text as quoted strings of at most 255 bytes each, which resolvers join back together. */
export function characterStrings(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return '""';
  const strings: string[] = [];
  for (let start = 0; start < bytes.length; start += MAX_STRING_BYTES) {
    strings.push(quoted(bytes.subarray(start, start + MAX_STRING_BYTES)));
  }
  return strings.join(' ');
}

/** One quoted string: `"` and `\` escaped, bytes outside printable ASCII as `\DDD` (decimal). */
function quoted(bytes: Uint8Array): string {
  let out = '"';
  for (const byte of bytes) {
    if (byte === 0x22 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += `\\${String(byte).padStart(3, '0')}`;
  }
  return `${out}"`;
}

function absoluteHost(record: DnsRecord, host: string | undefined): string {
  if (host === undefined || !HOST_CHARACTERS.test(host) || host.endsWith('.')) {
    throw invalid(record, 'a host name without the trailing dot');
  }
  return `${host}.`;
}

function exactly(record: DnsRecord, fields: string[], count: number, format: string): string[] {
  if (fields.length !== count) throw invalid(record, `of the form ${format}`);
  return fields;
}

function number(record: DnsRecord, field: string | undefined, max: number, format: string): number {
  const parsed = /^\d{1,10}$/.test(field ?? '') ? Number(field) : Number.NaN;
  if (!(parsed <= max)) throw invalid(record, `of the form ${format} with numbers from 0 to ${max}`);
  return parsed;
}

function invalid(record: DnsRecord, expected: string): Error {
  return new Error(
    `${record.type} record ${record.name}: ${JSON.stringify(record.value)} is not ${expected}`,
  );
}
