/** What a restore can put back, each on its own. */
export const backupParts = ['files', 'databases', 'mailboxes', 'dnsZones'] as const;
export type BackupPart = (typeof backupParts)[number];
