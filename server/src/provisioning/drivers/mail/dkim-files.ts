import { chown, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { readIfExists, writeFileAtomic } from '../files/atomic-file.js';
import type { MailOwner } from './dovecot-conf.js';
import { dkimKeyFile, type MailLayout } from './layout.js';
import type { AppliedAddress, DkimKey } from './mail-desired.js';

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
const lines = (entries: string[]) => (entries.length === 0 ? '' : `${entries.sort().join('\n')}\n`);

/** The key of every domain that still has an applied address with one. */
export function dkimKeysOf(applied: Map<string, AppliedAddress>): Map<string, DkimKey> {
  const keys = new Map<string, DkimKey>();
  for (const entry of applied.values()) if (entry.dkim) keys.set(domainOf(entry.address), entry.dkim);
  return keys;
}

/** OpenDKIM's key table and signing table: each domain signs its own mail with its own key. */
export function renderDkimTables(layout: MailLayout, keys: Map<string, DkimKey>) {
  const domains = [...keys.keys()];
  return {
    keyTable: lines(
      domains.map(
        (domain) => `${domain} ${domain}:${keys.get(domain)?.selector}:${dkimKeyFile(layout, domain)}`,
      ),
    ),
    signingTable: lines(domains.map((domain) => `${domain} ${domain}`)),
  };
}

/**
 * Writes each applied domain's key for OpenDKIM (0600, its own) and both tables, and removes the
 * key of a domain that has no applied address left. Resolves to whether anything changed, which
 * OpenDKIM learns only when told to read its configuration again.
 */
export async function rebuildDkimFiles(
  layout: MailLayout,
  applied: Map<string, AppliedAddress>,
  owner: MailOwner,
): Promise<boolean> {
  const keys = dkimKeysOf(applied);
  let changed = false;
  for (const [domain, key] of keys) {
    const file = dkimKeyFile(layout, domain);
    if ((await readIfExists(file)) === key.privateKey) continue;
    await writeFileAtomic(file, key.privateKey, { mode: 0o600 });
    await chown(file, owner.uid, owner.gid);
    changed = true;
  }
  const tables = renderDkimTables(layout, keys);
  for (const [file, content] of [
    [layout.dkimKeyTable, tables.keyTable],
    [layout.dkimSigningTable, tables.signingTable],
  ] as const) {
    if ((await readIfExists(file)) === content) continue;
    await writeFileAtomic(file, content);
    changed = true;
  }
  const kept = new Set([...keys.keys()].map((domain) => `${domain}.pem`));
  for (const name of await readdir(layout.dkimKeysDir)) {
    if (kept.has(name)) continue;
    await rm(path.join(layout.dkimKeysDir, name), { force: true });
    changed = true;
  }
  return changed;
}
