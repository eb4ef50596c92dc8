import { iso, isoOrNull } from '../contract/schemas.js';
import type { BackupJob as BackupJobRow } from './backup-jobs.js';
import type { Backup, BackupJob } from './backups.schemas.js';
import type { backups } from './backups.table.js';

export const presentBackup = (row: typeof backups.$inferSelect): Backup => ({
  id: row.id,
  createdAt: iso(row.createdAt),
  finishedAt: isoOrNull(row.finishedAt),
  trigger: row.trigger,
  state: row.state,
  error: row.error,
  sizeBytes: row.sizeBytes,
  contents: row.contents,
});

export const presentBackupJob = (row: BackupJobRow): BackupJob => ({
  id: row.id,
  kind: row.kind,
  backupId: row.backupId,
  parts: row.kind === 'restore' ? row.parts : [],
  state: row.state,
  progress: row.progress,
  error: row.error,
  createdAt: iso(row.createdAt),
  startedAt: isoOrNull(row.startedAt),
  finishedAt: isoOrNull(row.finishedAt),
});
