import { isUuid } from '../../../contract/ids.js';
import { putFile, readIfExists } from '../files/atomic-file.js';
import { type ApplyResult, failure } from '../types.js';
import { type PowerDnsLayout, zoneFile } from './layout.js';
import { readZoneList, writeZoneList, type ZoneList } from './named-conf.js';
import { reloadProblems } from './pdns-control.js';
import { renderZone } from './render-zone.js';
import type { DnsZoneDesired } from './zone-desired.js';

export interface ZoneBatchContext {
  layout: PowerDnsLayout;
  nameservers: readonly string[];
  /** Runs pdns_control with these arguments; resolves to what it printed. */
  control(args: readonly string[]): Promise<string>;
}

interface Change {
  id: string;
  file: string;
  before: string | undefined;
  /** The zone file to serve; undefined when the zone is withdrawn. */
  after: string | undefined;
  listedBefore: string | undefined;
  /** The domain named.conf lists it under; undefined when withdrawn. */
  domain: string | undefined;
}

/**
 * Converges a batch of zones with one rewrite of named.conf, one `rediscover` and one
 * `bind-reload-now` of the served zones that changed. A zone PowerDNS rejects goes back to how
 * it was and is reported with PowerDNS's complaint, while every other zone of the batch is
 * applied. When PowerDNS does not answer at all the whole batch goes back, to be applied later.
 */
export async function applyZoneBatch(
  context: ZoneBatchContext,
  zones: readonly DnsZoneDesired[],
): Promise<ApplyResult[]> {
  const results = new Map<string, ApplyResult>();
  try {
    const listed = await readZoneList(context.layout);
    const changes = await planChanges(context, zones, listed, results);
    if (changes.length > 0) await converge(context, listed, changes, results);
  } catch (error) {
    for (const zone of zones) if (!results.has(zone.id)) results.set(zone.id, failure(zone.id, error));
  }
  return zones.map((zone) => results.get(zone.id) ?? failure(zone.id, 'not applied'));
}

async function planChanges(
  context: ZoneBatchContext,
  zones: readonly DnsZoneDesired[],
  listed: ZoneList,
  results: Map<string, ApplyResult>,
): Promise<Change[]> {
  const changes: Change[] = [];
  const counts = new Map<string, number>();
  for (const zone of zones) counts.set(zone.id, (counts.get(zone.id) ?? 0) + 1);
  for (const zone of zones) {
    if (results.has(zone.id)) continue;
    if ((counts.get(zone.id) ?? 0) > 1) {
      results.set(zone.id, failure(zone.id, 'DNS zone listed twice in one batch'));
      continue;
    }
    try {
      const change = await planChange(context, zone, listed);
      if (change === undefined) results.set(zone.id, { id: zone.id, ok: true });
      else changes.push(change);
    } catch (error) {
      results.set(zone.id, failure(zone.id, error));
    }
  }
  return withoutDomainClashes(changes, listed, results);
}

async function planChange(
  context: ZoneBatchContext,
  zone: DnsZoneDesired,
  listed: ZoneList,
): Promise<Change | undefined> {
  if (!isUuid(zone.id)) throw new Error(`invalid DNS zone id ${JSON.stringify(zone.id)}`);
  const served = zone.state === 'live';
  const after = served ? renderZone(zone, context.nameservers) : undefined;
  const domain = served ? zone.domain : undefined;
  const file = zoneFile(context.layout, zone.id);
  const before = await readIfExists(file);
  const listedBefore = listed.get(zone.id);
  if (before === after && listedBefore === domain) return undefined;
  return { id: zone.id, file, before, after, listedBefore, domain };
}

/** Two zones of one domain would have PowerDNS serve either: a zone may not take a listed domain. */
function withoutDomainClashes(
  changes: Change[],
  listed: ZoneList,
  results: Map<string, ApplyResult>,
): Change[] {
  const changing = new Set(changes.map((change) => change.id));
  const owners = new Map([...listed].filter(([id]) => !changing.has(id)).map(([id, domain]) => [domain, id]));
  return changes.filter((change) => {
    if (change.domain === undefined) return true;
    const owner = owners.get(change.domain);
    if (owner !== undefined) {
      results.set(change.id, failure(change.id, `${change.domain} is already served by DNS zone ${owner}`));
      return false;
    }
    owners.set(change.domain, change.id);
    return true;
  });
}

async function converge(
  context: ZoneBatchContext,
  listed: ZoneList,
  changes: Change[],
  results: Map<string, ApplyResult>,
): Promise<void> {
  // Zone files first, named.conf after: PowerDNS never lists a zone whose file is not written yet.
  const writes = await Promise.allSettled(
    changes.map((change) => (change.after === undefined ? undefined : putFile(change.file, change.after))),
  );
  const applying = changes.filter((change, index) => {
    const write = writes[index];
    if (write?.status === 'rejected') results.set(change.id, failure(change.id, write.reason));
    return write?.status === 'fulfilled';
  });
  if (applying.length === 0) return;
  const listing = new Map(listed);
  for (const change of applying) {
    if (change.domain === undefined) listing.delete(change.id);
    else listing.set(change.id, change.domain);
  }
  let problems: Map<string, string | undefined>;
  try {
    problems = await load(context, listing, servedDomains(applying));
    const rejected = applying.filter((change) => change.domain && problems.get(change.domain));
    if (rejected.length > 0) await putBack(context, listing, rejected);
    const touched = touchedDomains(applying);
    if (touched.length > 0) await context.control(['purge', ...touched.map((domain) => `${domain}$`)]);
  } catch (error) {
    await Promise.all(
      applying.map((change) =>
        change.after === undefined ? undefined : putFile(change.file, change.before),
      ),
    ).catch(() => undefined);
    await load(context, listed, []).catch(() => undefined);
    for (const change of applying) results.set(change.id, failure(change.id, error));
    return;
  }
  for (const change of applying) {
    const problem = change.domain && problems.get(change.domain);
    if (problem) {
      results.set(change.id, failure(change.id, `PowerDNS rejected the zone: ${problem}`));
    } else if (change.after === undefined) {
      // Unlisted and no longer served: only now may its file go.
      await putFile(change.file, undefined).then(
        () => results.set(change.id, { id: change.id, ok: true }),
        (error: unknown) => results.set(change.id, failure(change.id, error)),
      );
    } else {
      results.set(change.id, { id: change.id, ok: true });
    }
  }
}

/**
 * Puts rejected zones back as they were. A zone served before gets its previous file again,
 * which is also what PowerDNS still holds (a rejected reload keeps the old version); a new zone
 * is unlisted and its file removed. Should the previous version fail too, it is unlisted as well,
 * so named.conf never holds a zone PowerDNS rejects.
 */
async function putBack(context: ZoneBatchContext, listing: Map<string, string>, rejected: Change[]) {
  const restored: Change[] = [];
  for (const change of rejected) {
    const domain = change.listedBefore;
    const taken = [...listing].some(([id, listedDomain]) => listedDomain === domain && id !== change.id);
    if (change.before !== undefined && domain !== undefined && !taken) {
      await putFile(change.file, change.before);
      listing.set(change.id, domain);
      restored.push(change);
    } else {
      listing.delete(change.id);
      await putFile(change.file, undefined);
    }
  }
  const domains = restored.map((change) => change.listedBefore as string);
  const problems = await load(context, listing, domains);
  const failedAgain = restored.filter((change) => problems.get(change.listedBefore as string));
  if (failedAgain.length === 0) return;
  for (const change of failedAgain) {
    listing.delete(change.id);
    await putFile(change.file, undefined);
  }
  await load(context, listing, []);
}

/** named.conf rewritten, re-read by PowerDNS, and the given zones parsed again from their files. */
async function load(
  context: ZoneBatchContext,
  listing: ZoneList,
  reload: readonly string[],
): Promise<Map<string, string | undefined>> {
  await writeZoneList(context.layout, listing);
  const rediscovered = await context.control(['rediscover']);
  if (!rediscovered.startsWith('Ok'))
    throw new Error(`PowerDNS did not read named.conf: ${rediscovered.trim()}`);
  if (reload.length === 0) return new Map();
  return reloadProblems(await context.control(['bind-reload-now', ...reload]), reload);
}

function servedDomains(changes: Change[]): string[] {
  return changes.flatMap((change) => (change.domain === undefined ? [] : [change.domain]));
}

/** Every domain whose answers changed: PowerDNS's packet cache would serve the old ones for a while. */
function touchedDomains(changes: Change[]): string[] {
  const domains = changes.flatMap((change) => [change.listedBefore, change.domain]);
  return [...new Set(domains.filter((domain) => domain !== undefined))];
}
