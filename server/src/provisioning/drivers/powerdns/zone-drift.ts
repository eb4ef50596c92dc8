import path from 'node:path';
import { isUuid } from '../../../contract/ids.js';
import { readIfExists } from '../files/atomic-file.js';
import { foreignFilesOf } from '../files/foreign-files.js';
import type { Drift, DriftCheck, DriftReport } from '../types.js';
import { type PowerDnsLayout, zoneFile } from './layout.js';
import { readZoneList, type ZoneList } from './named-conf.js';
import { renderZone } from './render-zone.js';
import type { DnsZoneDesired } from './zone-desired.js';

/**
 * Compares each applied zone with what Keel writes for it: a served zone's file and its line in
 * named.conf, a withdrawn zone's absence from both. Files in zones/ that belong to no zone Keel
 * knows are foreign; PowerDNS reads only what named.conf names, so setting them aside needs no reload.
 */
export async function zoneDrift(
  layout: PowerDnsLayout,
  nameservers: readonly string[],
  check: DriftCheck<DnsZoneDesired>,
): Promise<DriftReport> {
  const listed = await readZoneList(layout);
  const drifted: Drift[] = [];
  for (const zone of check.applied) {
    const differences = await zoneDifferences(layout, nameservers, listed, zone);
    if (differences.length > 0) drifted.push({ id: zone.id, differences });
  }
  const isKeels = (name: string) => {
    const id = name.endsWith('.zone') ? name.slice(0, -'.zone'.length) : '';
    return isUuid(id) && check.known.has(id);
  };
  const foreign = await foreignFilesOf(layout.zonesDir, isKeels, {
    setAside: check.setAside,
    aside: path.join(layout.configDir, 'zones-foreign'),
  });
  return { drifted, foreign };
}

async function zoneDifferences(
  layout: PowerDnsLayout,
  nameservers: readonly string[],
  listed: ZoneList,
  zone: DnsZoneDesired,
): Promise<string[]> {
  const actual = await readIfExists(zoneFile(layout, zone.id));
  const listedAs = listed.get(zone.id);
  if (zone.state !== 'live') {
    return [
      ...(listedAs === undefined ? [] : ['listed in named.conf while withdrawn']),
      ...(actual === undefined ? [] : ['zone file left while withdrawn']),
    ];
  }
  const differences: string[] = [];
  if (actual === undefined) differences.push('zone file missing');
  else {
    try {
      if (actual !== renderZone(zone, nameservers))
        differences.push('zone file differs from what Keel writes');
    } catch (error) {
      // Applying it again fails the same way, which then shows as the zone's provisioning error.
      differences.push(`its zone file cannot be written: ${(error as Error).message}`);
    }
  }
  if (listedAs === undefined) differences.push('not listed in named.conf');
  else if (listedAs !== zone.domain) differences.push(`listed in named.conf as ${listedAs}`);
  return differences;
}
