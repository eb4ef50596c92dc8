import type { Backup, BackupPart } from '../../api/types.js';

type PartText = { part: BackupPart; label: string; replaces: string };

/** Each part a restore can put back, with what putting it back replaces. */
export const backupParts: readonly PartText[] = [
  {
    part: 'files',
    label: 'Files',
    replaces:
      'The home with the websites’ files is replaced by the one in the backup: files made since are gone.',
  },
  {
    part: 'databases',
    label: 'Databases',
    replaces:
      'Each database’s tables are replaced by those in the backup; a database deleted since is made again with its user.',
  },
  {
    part: 'mailboxes',
    label: 'Mailboxes',
    replaces:
      'Each mailbox’s mail is replaced by that in the backup: mail received since is gone; a mailbox deleted since is made again.',
  },
  {
    part: 'dnsZones',
    label: 'DNS zones',
    replaces: 'Each zone’s records are replaced by those in the backup; a zone deleted since is made again.',
  },
];

/** Whether the backup holds anything of a part. */
export function holds(backup: Backup, part: BackupPart): boolean {
  const held = backup.contents[part];
  return typeof held === 'boolean' ? held : held.length > 0;
}

/** "Files", "Databases: shop, blog": one line per part the backup holds. */
export function contentLines(backup: Backup): string[] {
  return backupParts
    .filter(({ part }) => holds(backup, part))
    .map(({ part, label }) => {
      const held = backup.contents[part];
      return typeof held === 'boolean' ? label : `${label}: ${held.join(', ')}`;
    });
}
