import { isUuid } from '../../../contract/ids.js';
import { putFile, readIfExists } from '../files/atomic-file.js';
import type { ApplyResult } from '../types.js';
import { failure } from '../types.js';
import { type NginxLayout, siteFile } from './layout.js';
import type { ConfigTest } from './nginx-binary.js';
import { renderSite, type SiteDesired } from './render.js';

export interface BatchContext {
  layout: NginxLayout;
  test(): Promise<ConfigTest>;
  reload(): Promise<void>;
}

interface Change {
  id: string;
  file: string;
  before: string | undefined;
  after: string | undefined;
}

/**
 * Converges the vhost files of a batch of sites with one `nginx -t` and at most one reload.
 * If the check fails, every file of the batch goes back to how it was; then each change is
 * tried alone on top of the working config, so only the sites that break it are reported and
 * every other site of the batch still goes live.
 */
export async function applySiteBatch(
  context: BatchContext,
  sites: readonly SiteDesired[],
): Promise<ApplyResult[]> {
  const results = new Map<string, ApplyResult>();
  const changes: Change[] = [];
  for (const site of sites) {
    if (results.has(site.id) || changes.some((change) => change.id === site.id)) {
      results.set(site.id, failure(site.id, 'website listed twice in one batch'));
      continue;
    }
    try {
      const change = await planChange(context, site);
      if (change === undefined) results.set(site.id, { id: site.id, ok: true });
      else changes.push(change);
    } catch (error) {
      results.set(site.id, failure(site.id, error));
    }
  }
  const applied = await writeAndCheck(context, changes, results);
  if (applied.length > 0) await context.reload();
  for (const change of applied) results.set(change.id, { id: change.id, ok: true });
  return sites.map((site) => results.get(site.id) ?? failure(site.id, 'not applied'));
}

async function planChange(context: BatchContext, site: SiteDesired): Promise<Change | undefined> {
  if (!isUuid(site.id)) throw new Error(`invalid website id ${JSON.stringify(site.id)}`);
  const after = site.state === 'absent' ? undefined : renderSite(context.layout, site);
  const file = siteFile(context.layout, site.id);
  const before = await readIfExists(file);
  return before === after ? undefined : { id: site.id, file, before, after };
}

/** Writes the changes; returns those that passed `nginx -t`, recording errors for the others. */
async function writeAndCheck(
  context: BatchContext,
  changes: Change[],
  results: Map<string, ApplyResult>,
): Promise<Change[]> {
  if (changes.length === 0) return [];
  const written: Change[] = [];
  let passed = false;
  try {
    // Each file is its own fsync'd write: in parallel, a batch of 50 costs about one. All
    // settle before anything is judged, so a rollback never races a write still in flight.
    const writes = await Promise.allSettled(
      changes.map(async (change) => {
        await putFile(change.file, change.after);
        written.push(change);
      }),
    );
    passed = writes.every((write) => write.status === 'fulfilled') && (await context.test()).ok;
  } catch {
    // A failed write (disk full, a directory in the way) is sorted out site by site below.
  }
  if (passed) return changes;
  await Promise.all(written.map((change) => putFile(change.file, change.before)));
  const kept: Change[] = [];
  for (const change of changes) {
    try {
      await putFile(change.file, change.after);
      const check = await context.test();
      if (check.ok) {
        kept.push(change);
        continue;
      }
      await putFile(change.file, change.before);
      results.set(change.id, failure(change.id, `nginx rejected the configuration: ${check.message}`));
    } catch (error) {
      await putFile(change.file, change.before).catch(() => undefined);
      results.set(change.id, failure(change.id, error));
    }
  }
  return kept;
}
