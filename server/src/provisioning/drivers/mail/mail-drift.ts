import path from 'node:path';
import { isUuid } from '../../../contract/ids.js';
import { readIfExists } from '../files/atomic-file.js';
import { foreignFilesOf } from '../files/foreign-files.js';
import type { Drift, DriftCheck, DriftReport } from '../types.js';
import { type AppliedKind, appliedDir, type MailLayout, mapFile, mapNames } from './layout.js';
import {
  type AppliedAddress,
  appliedAddress,
  type MailAliasDesired,
  type MailboxDesired,
  mailEffect,
} from './mail-desired.js';
import { readApplied, renderMailFiles } from './mail-maps.js';

/**
 * Compares each applied mailbox or alias with what Keel writes for it, and the maps and
 * passwd-files with what the applied files make: a map edited by hand sends every applied item
 * of the kind to be applied again, which rebuilds it. Files in the kind's applied directory that
 * belong to nothing Keel knows are foreign.
 */
export async function mailDrift(
  layout: MailLayout,
  kind: AppliedKind,
  check: DriftCheck<MailboxDesired | MailAliasDesired>,
): Promise<DriftReport> {
  // One reading for both: a file removed between two readings would show as stale maps only.
  const everything = await readApplied(layout);
  const applied = new Map([...everything].filter(([, entry]) => entry.kind === kind));
  const stale = await staleFiles(layout, everything);
  const drifted: Drift[] = [];
  for (const item of check.applied) {
    const differences = itemDifferences(item, applied.get(item.id));
    if (stale.length > 0 && mailEffect(item.state, item.enabled) !== undefined)
      differences.push(...stale.map((file) => `${file} differs from what Keel writes`));
    if (differences.length > 0) drifted.push({ id: item.id, differences });
  }
  const isKeels = (name: string) => {
    const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
    return isUuid(id) && check.known.has(id);
  };
  const foreign = await foreignFilesOf(appliedDir(layout, kind), isKeels, {
    setAside: check.setAside,
    aside: path.join(layout.root, `${kind}-foreign`),
  });
  return { drifted, foreign };
}

function itemDifferences(
  item: MailboxDesired | MailAliasDesired,
  actual: AppliedAddress | undefined,
): string[] {
  const effect = mailEffect(item.state, item.enabled);
  if (effect === undefined) return actual === undefined ? [] : ['still applied after its removal'];
  if (actual === undefined) return ['not applied'];
  try {
    return JSON.stringify(actual) === JSON.stringify(appliedAddress(item, effect))
      ? []
      : ['applied differently from what Keel wants'];
  } catch (error) {
    // Applying it again fails the same way, which then shows as its provisioning error.
    return [`it cannot be applied: ${(error as Error).message}`];
  }
}

/** The maps and passwd-files whose content is not what the applied files make. */
async function staleFiles(layout: MailLayout, applied: Map<string, AppliedAddress>): Promise<string[]> {
  const files = renderMailFiles(layout, applied);
  const expected: Array<[string, string]> = [
    ...mapNames.map((name): [string, string] => [mapFile(layout, name), files.maps[name]]),
    [layout.usersFile, files.users],
    [layout.deniedFile, files.denied],
  ];
  const stale: string[] = [];
  for (const [file, content] of expected) if ((await readIfExists(file)) !== content) stale.push(file);
  return stale;
}
