import { access, readdir, readFile, rename, stat } from 'node:fs/promises';
import { isUuid } from '../../../contract/ids.js';
import { readIfExists, writeFileAtomic } from '../files/atomic-file.js';
import {
  type AppliedKind,
  appliedDir,
  appliedFile,
  type MailLayout,
  type MapName,
  mailboxHome,
  mapFile,
  mapNames,
} from './layout.js';
import type { AppliedAddress } from './mail-desired.js';

/** The ids of `dir`'s files named `<uuid><suffix>`. */
export async function idsIn(dir: string, suffix = ''): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .filter((name) => name.endsWith(suffix) && isUuid(name.slice(0, name.length - suffix.length)))
    .map((name) => name.slice(0, name.length - suffix.length))
    .sort();
}

/** Every applied address Keel recorded, by id; a file that does not parse counts as absent. */
export async function readApplied(
  layout: MailLayout,
  kinds: readonly AppliedKind[] = ['mailbox', 'alias'],
): Promise<Map<string, AppliedAddress>> {
  const applied = new Map<string, AppliedAddress>();
  for (const kind of kinds) {
    for (const id of await idsIn(appliedDir(layout, kind), '.json')) {
      try {
        applied.set(id, JSON.parse(await readFile(appliedFile(layout, kind, id), 'utf8')) as AppliedAddress);
      } catch {
        // Half a file cannot be left by writeFileAtomic; anything else is drift, re-applied.
      }
    }
  }
  return applied;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
const delivered = (entry: AppliedAddress) => entry.effect === 'open' || entry.effect === 'stored';
const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);
const lines = (entries: string[]) => (entries.length === 0 ? '' : `${entries.sort().join('\n')}\n`);

/**
 * The content of every Postfix map, of Dovecot's passwd-file and of its dict of refused addresses
 * (a key line, then its value line), from the applied addresses.
 */
export function renderMailFiles(layout: MailLayout, applied: Map<string, AppliedAddress>) {
  const entries = [...applied.entries()];
  const maps: Record<MapName, string[]> = {
    domains: [...new Set(entries.map(([, entry]) => domainOf(entry.address)))].map(
      (domain) => `${domain} OK`,
    ),
    mailboxes: [],
    aliases: [],
    recipient_access: [],
    sender_logins: [],
  };
  const users: string[] = [];
  const denied: string[] = [];
  for (const [id, entry] of entries) {
    if (entry.effect === 'deferred')
      maps.recipient_access.push(`${entry.address} 450 4.2.1 Mailbox temporarily unavailable`);
    if (entry.effect === 'refused') maps.recipient_access.push(`${entry.address} 550 5.2.1 Mailbox disabled`);
    if (entry.kind === 'alias') {
      if (delivered(entry)) maps.aliases.push(`${entry.address} ${entry.destinations.join(',')}`);
      continue;
    }
    if (delivered(entry)) maps.mailboxes.push(`${entry.address} OK`);
    maps.sender_logins.push(`${entry.address} ${entry.address}`);
    users.push(
      `${entry.address}:{ARGON2ID}${entry.passwordHash}::::${mailboxHome(layout, id)}::userdb_quota_rule=*:storage=${entry.quotaMb}M`,
    );
    if (entry.effect !== 'open') denied.push(`shared/passdb/${entry.address}\n{}`);
  }
  return {
    maps: Object.fromEntries(mapNames.map((name) => [name, lines(maps[name])])) as Record<MapName, string>,
    users: lines(users),
    denied: lines(denied),
  };
}

/**
 * Rewrites every map, the passwd-file and the refused addresses from the applied addresses: one
 * rebuild per batch. A map is built beside its old version and renamed over it, so Postfix reads
 * the old or the new table, never half of one; Dovecot re-reads a renamed file. Resolves to whether a map changed:
 * Postfix's long-running trivial-rewrite keeps the domains it read until Postfix is reloaded.
 */
export async function rebuildMailFiles(
  layout: MailLayout,
  postmap: (file: string) => Promise<void>,
): Promise<boolean> {
  const files = renderMailFiles(layout, await readApplied(layout));
  let changed = false;
  for (const name of mapNames) {
    const file = mapFile(layout, name);
    const content = files.maps[name];
    if ((await readIfExists(file)) === content && (await exists(`${file}.lmdb`))) continue;
    await writeFileAtomic(`${file}.next`, content);
    await postmap(`${file}.next`);
    await rename(`${file}.next.lmdb`, `${file}.lmdb`);
    await rename(`${file}.next`, file);
    changed = true;
  }
  // For root and Dovecot's auth only (group dovecot, from the directory): the hashes, and who is refused.
  if ((await readIfExists(layout.deniedFile)) !== files.denied)
    await writeFileAtomic(layout.deniedFile, files.denied, { mode: 0o640 });
  await writePasswdFile(layout.usersFile, files.users);
  return changed;
}

/**
 * Dovecot re-reads a passwd-file only when its modification time, in whole seconds, or its size
 * differs from the version it read: a new version written in the same second at the same size
 * (a password changed to one whose hash is as long) would go unseen. Each new version is dated at
 * least one second after the one it replaces, so none is missed. Dovecot looks at the file at most
 * once a second, so a change takes effect within about a second of being written; that is why the
 * refused addresses, which a suspension must stop at once, are a dict instead.
 */
async function writePasswdFile(file: string, content: string): Promise<void> {
  const previous = await stat(file).catch(() => undefined);
  if (previous && (await readIfExists(file)) === content) return;
  const afterPrevious = previous ? (Math.floor(previous.mtimeMs / 1000) + 1) * 1000 : 0;
  await writeFileAtomic(file, content, {
    mode: 0o640,
    modified: new Date(Math.max(Date.now(), afterPrevious)),
  });
}
