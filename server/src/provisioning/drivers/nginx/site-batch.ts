import path from 'node:path';
import { isUuid } from '../../../contract/ids.js';
import { putFile, readIfExists } from '../files/atomic-file.js';
import { settleInGroups } from '../in-groups.js';
import type { ApplyResult } from '../types.js';
import { failure } from '../types.js';
import { type NginxLayout, siteFile } from './layout.js';
import { removeLeftoverTempFiles } from './leftovers.js';
import type { ConfigTest } from './nginx-binary.js';
import { renderSite, type SiteDesired } from './render.js';
import { confFiles, dropHeldCopy, type HeldFile, heldError, holdAside } from './set-aside.js';
import { findRejectedFile, type SubsetTest } from './site-isolation.js';

export interface BatchContext {
  layout: NginxLayout;
  test(): Promise<ConfigTest>;
  testSubset: SubsetTest;
  reload(): Promise<void>;
}

export interface BatchOutcome {
  results: ApplyResult[];
  /** Sites outside the batch whose vhost nginx rejected: set aside so the batch could go live. */
  held: HeldFile[];
}

interface Change {
  id: string;
  file: string;
  before: string | undefined;
  after: string | undefined;
}

/**
 * Converges the vhost files of a batch of sites with one `nginx -t` and at most one reload.
 * If the check fails, the vhosts at fault are found and taken out one by one until it passes:
 * a change of the batch goes back to how it was and is reported with nginx's complaint; any
 * other vhost (a site written by hand, or one nginx now rejects) is set aside. Every other site
 * of the batch still goes live, so one broken file never holds up another customer's change.
 */
export async function applySiteBatch(
  context: BatchContext,
  sites: readonly SiteDesired[],
): Promise<BatchOutcome> {
  await removeLeftoverTempFiles(context.layout);
  const results = new Map<string, ApplyResult>();
  const changes: Change[] = [];
  const seen = new Set<string>();
  const planned: SiteDesired[] = [];
  for (const site of sites) {
    if (seen.has(site.id)) results.set(site.id, failure(site.id, 'website listed twice in one batch'));
    else planned.push(site);
    seen.add(site.id);
  }
  // Reading the current vhosts a group at a time: a bulk suspension plans thousands of sites.
  const plans = await settleInGroups(planned, 64, (site) => planChange(context, site));
  for (const [index, site] of planned.entries()) {
    const plan = plans[index];
    if (plan?.status === 'rejected') results.set(site.id, failure(site.id, plan.reason));
    else if (plan?.value === undefined) results.set(site.id, { id: site.id, ok: true });
    else changes.push(plan.value);
  }
  const held: HeldFile[] = [];
  const written = await write(changes, results);
  const check = written.length > 0 ? await context.test() : { ok: true as const };
  const applied = check.ok ? written : await isolate(context, written, results, held, check.message);
  if (applied.length > 0) await context.reload();
  // A held copy is rare: one listing, not a removal per site of a batch of thousands.
  const heldCopies = new Set(await confFiles(context.layout.sitesHeldDir));
  for (const change of applied) {
    results.set(change.id, { id: change.id, ok: true });
    const file = path.basename(change.file);
    if (heldCopies.has(file)) await dropHeldCopy(context.layout, file);
  }
  const inBatch = new Set(sites.map((site) => site.id));
  return {
    results: sites.map((site) => results.get(site.id) ?? failure(site.id, 'not applied')),
    held: held.filter((file) => !inBatch.has(file.file.slice(0, -'.conf'.length))),
  };
}

async function planChange(context: BatchContext, site: SiteDesired): Promise<Change | undefined> {
  if (!isUuid(site.id)) throw new Error(`invalid website id ${JSON.stringify(site.id)}`);
  const after = site.state === 'absent' ? undefined : renderSite(context.layout, site);
  const file = siteFile(context.layout, site.id);
  const before = await readIfExists(file);
  return before === after ? undefined : { id: site.id, file, before, after };
}

/** Writes the changes; one that cannot be written (disk full, a directory in the way) is put back. */
async function write(changes: Change[], results: Map<string, ApplyResult>): Promise<Change[]> {
  // Not flushed one by one: a vhost is derived from the rows, and every start compares each vhost
  // with them and rewrites one a power cut left short (the drift check). Flushing five thousand
  // files took longer than checking and reloading nginx with them.
  const writes = await Promise.allSettled(
    changes.map((change) => putFile(change.file, change.after, { flush: false })),
  );
  const written: Change[] = [];
  for (const [index, change] of changes.entries()) {
    const outcome = writes[index];
    if (outcome?.status === 'fulfilled') {
      written.push(change);
      continue;
    }
    await putFile(change.file, change.before).catch(() => undefined);
    results.set(change.id, failure(change.id, outcome?.reason));
  }
  return written;
}

/**
 * Takes the vhosts nginx rejects out until the configuration passes; returns the changes still
 * in place. Each round takes one file out, so it ends: a change goes back to its old content
 * (which, if also rejected, is set aside in a later round), any other file is set aside.
 */
async function isolate(
  context: BatchContext,
  written: Change[],
  results: Map<string, ApplyResult>,
  held: HeldFile[],
  firstComplaint: string,
): Promise<Change[]> {
  const inPlace = new Map(written.map((change) => [path.basename(change.file), change]));
  let complaint = firstComplaint;
  for (;;) {
    const files = await confFiles(context.layout.sitesDir);
    const rejected = await findRejectedFile(context.testSubset, context.layout.sitesDir, files, complaint);
    if (rejected === undefined) {
      // The fault is outside the vhosts (nginx.conf, mime.types): nothing new can go live.
      for (const change of inPlace.values()) {
        await putFile(change.file, change.before);
        results.set(change.id, failure(change.id, `nginx rejected the configuration: ${complaint}`));
      }
      return [];
    }
    const change = inPlace.get(rejected.file);
    if (change) {
      inPlace.delete(rejected.file);
      await putFile(change.file, change.before);
      results.set(change.id, failure(change.id, `nginx rejected the configuration: ${rejected.message}`));
    } else {
      await holdAside(context.layout, rejected.file);
      held.push(rejected);
      const id = rejected.file.slice(0, -'.conf'.length);
      if (results.has(id)) results.set(id, failure(id, heldError(rejected.message)));
    }
    const check = await context.test();
    if (check.ok) return [...inPlace.values()];
    complaint = check.message;
  }
}
