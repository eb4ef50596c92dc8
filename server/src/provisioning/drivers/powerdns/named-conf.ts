import { isUuid } from '../../../contract/ids.js';
import { isNormalizedDomain } from '../../../hosting/names.js';
import { readIfExists, writeFileAtomic } from '../files/atomic-file.js';
import { type PowerDnsLayout, zoneFile } from './layout.js';

/** The zones PowerDNS serves: zone id → domain. */
export type ZoneList = ReadonlyMap<string, string>;

const ENTRY = /^zone "([a-z0-9.-]+)" \{ type master; file "[^"]*\/([0-9a-f-]{36})\.zone"; \};$/;

/**
 * named.conf is the only record of what PowerDNS serves, and Keel writes it whole: one line per
 * zone naming its domain and its file (named by zone id). Lines Keel did not write are ignored,
 * and dropped at the next rewrite.
 */
export async function readZoneList(layout: PowerDnsLayout): Promise<Map<string, string>> {
  const text = (await readIfExists(layout.namedConf)) ?? '';
  const zones = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [, domain, id] = ENTRY.exec(line) ?? [];
    if (domain !== undefined && id !== undefined && isUuid(id) && isNormalizedDomain(domain)) {
      zones.set(id, domain);
    }
  }
  return zones;
}

/** Rewrites named.conf atomically; the order is fixed so the same zones give the same file. */
export async function writeZoneList(layout: PowerDnsLayout, zones: ZoneList): Promise<void> {
  const lines = [...zones]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, domain]) => {
      if (!isUuid(id) || !isNormalizedDomain(domain)) {
        throw new Error(
          `zone ${JSON.stringify(id)} (${JSON.stringify(domain)}) cannot be listed in named.conf`,
        );
      }
      return `zone "${domain}" { type master; file "${zoneFile(layout, id)}"; };`;
    });
  const head = '// Written by Keel: one line per DNS zone it serves. Edits here are lost.';
  await writeFileAtomic(layout.namedConf, [head, ...lines, ''].join('\n'));
}
