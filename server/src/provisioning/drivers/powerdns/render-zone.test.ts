import { describe, expect, it } from 'vitest';
import { characterStrings } from './record-data.js';
import { renderZone } from './render-zone.js';
import type { DnsRecord, DnsZoneDesired } from './zone-desired.js';

const nameservers = ['ns1.keel.test', 'ns2.keel.test'];

function zone(records: DnsRecord[], overrides: Partial<DnsZoneDesired> = {}): DnsZoneDesired {
  return {
    id: '0b5e3c1a-6f2d-4c8e-9a1b-2c3d4e5f6a7b',
    domain: 'example.com',
    serial: 2026120101,
    records,
    state: 'live',
    ...overrides,
  };
}

/** The zone's own record lines, after the comment, $ORIGIN, SOA and apex NS lines. */
function recordLines(records: DnsRecord[]): string[] {
  return renderZone(zone(records), nameservers)
    .trimEnd()
    .split('\n')
    .slice(3 + nameservers.length);
}

const record = (type: DnsRecord['type'], value: string, name = 'www', ttl = 300): DnsRecord => ({
  name,
  type,
  ttl,
  value,
});

describe('renderZone', () => {
  it('starts with $ORIGIN, the SOA from the first name server and an apex NS per name server', () => {
    expect(renderZone(zone([]), nameservers)).toBe(
      [
        '; Keel DNS zone 0b5e3c1a-6f2d-4c8e-9a1b-2c3d4e5f6a7b, written by Keel: edits here are lost.',
        '$ORIGIN example.com.',
        '@ 3600 IN SOA ns1.keel.test. hostmaster.example.com. 2026120101 10800 3600 1209600 300',
        '@ 3600 IN NS ns1.keel.test.',
        '@ 3600 IN NS ns2.keel.test.',
        '',
      ].join('\n'),
    );
  });

  it('writes each type in zone-file syntax, host names absolute', () => {
    expect(
      recordLines([
        record('A', '192.0.2.10', '@', 3600),
        record('AAAA', '2001:db8::10'),
        record('CNAME', 'shop.example.net', 'shop'),
        record('MX', '10 mail.example.com', '@'),
        record('NS', 'ns.dev-host.example', 'dev'),
        record('SRV', '10 60 5060 sip.example.com', '_sip._tcp'),
        record('CAA', '0 issue letsencrypt.org', '@'),
        record('TXT', 'v=spf1 mx -all', '@'),
        record('A', '192.0.2.11', '*.dev'),
      ]),
    ).toEqual([
      '@ 3600 IN A 192.0.2.10',
      'www 300 IN AAAA 2001:db8::10',
      'shop 300 IN CNAME shop.example.net.',
      '@ 300 IN MX 10 mail.example.com.',
      'dev 300 IN NS ns.dev-host.example.',
      '_sip._tcp 300 IN SRV 10 60 5060 sip.example.com.',
      '@ 300 IN CAA 0 issue "letsencrypt.org"',
      '@ 300 IN TXT "v=spf1 mx -all"',
      '*.dev 300 IN A 192.0.2.11',
    ]);
  });

  it('quotes a CAA value that holds spaces, semicolons and quotes', () => {
    expect(recordLines([record('CAA', '128 iodef mailto:"ca"@example.com; x', '@')])).toEqual([
      '@ 300 IN CAA 128 iodef "mailto:\\"ca\\"@example.com; x"',
    ]);
  });

  it.each([
    ['A', '192.0.2.300'],
    ['A', '192.0.2.1\nevil 300 IN A 192.0.2.66'],
    ['AAAA', '192.0.2.1'],
    ['CNAME', 'shop.example.net.'],
    ['CNAME', 'a b'],
    ['CNAME', 'a;b'],
    ['NS', 'ns.example.com\n$INCLUDE /etc/passwd'],
    ['MX', 'mail.example.com'],
    ['MX', '70000 mail.example.com'],
    ['MX', 'ten mail.example.com'],
    ['SRV', '10 60 mail.example.com'],
    ['SRV', '1 2 3 (x)'],
    ['CAA', '0 issue'],
    ['CAA', '256 issue ca.example'],
    ['CAA', '0 is"sue ca.example'],
  ] as const)('refuses the %s value %j', (type, value) => {
    expect(() => renderZone(zone([record(type, value)]), nameservers)).toThrow(
      new RegExp(`^${type} record www`),
    );
  });

  it.each(['www ', 'WWW', 'a;b', 'a\nb', '$ORIGIN', '"x"', '(x)', ''])(
    'refuses the record name %j',
    (name) => {
      expect(() => renderZone(zone([record('A', '192.0.2.1', name)]), nameservers)).toThrow(/record name/);
    },
  );

  it('refuses TTLs and serials outside their ranges', () => {
    expect(() => renderZone(zone([record('A', '192.0.2.1', 'www', -1)]), nameservers)).toThrow(/TTL/);
    expect(() => renderZone(zone([record('A', '192.0.2.1', 'www', 1.5)]), nameservers)).toThrow(/TTL/);
    expect(() => renderZone(zone([], { serial: 2 ** 32 }), nameservers)).toThrow(/serial/);
    expect(() => renderZone(zone([], { serial: -1 }), nameservers)).toThrow(/serial/);
    expect(renderZone(zone([], { serial: 2 ** 32 - 1 }), nameservers)).toContain(' 4294967295 ');
  });

  it('refuses an id, domain or name server it could not write safely', () => {
    expect(() => renderZone(zone([], { id: '../x' }), nameservers)).toThrow(/zone id/);
    expect(() => renderZone(zone([], { domain: 'Example.com' }), nameservers)).toThrow(/domain/);
    expect(() => renderZone(zone([], { domain: 'example.com.' }), nameservers)).toThrow(/domain/);
    expect(() => renderZone(zone([]), ['ns1.keel.test.'])).toThrow(/name server/);
    expect(() => renderZone(zone([]), [])).toThrow(/at least one name server/);
  });
});

describe('characterStrings', () => {
  it('quotes short text as one string and escapes quotes and backslashes', () => {
    expect(characterStrings('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(characterStrings('')).toBe('""');
  });

  it('writes bytes outside printable ASCII as three decimal digits', () => {
    expect(characterStrings('tab\there\né')).toBe('"tab\\009here\\010\\195\\169"');
  });

  it('splits text into strings of at most 255 bytes, counting bytes rather than characters', () => {
    const dkim = `v=DKIM1;k=rsa;p=${'A'.repeat(400)}`;
    const strings = characterStrings(dkim).split(' ');
    expect(strings.map((s) => s.length - 2)).toEqual([255, dkim.length - 255]);
    expect(strings.map((s) => s.slice(1, -1)).join('')).toBe(dkim);
    // 200 two-byte characters are 400 bytes: 255 of them, then the remaining 145.
    const accents = characterStrings('é'.repeat(200)).split(' ');
    expect(accents.map((s) => s.slice(1, -1).split('\\').length - 1)).toEqual([255, 145]);
  });
});
