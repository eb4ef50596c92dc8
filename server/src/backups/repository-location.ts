import path from 'node:path';
import { isUuid } from '../contract/ids.js';

/** Whether KEEL_BACKUP_DIR names a restic backend that several servers reach, not a local directory. */
export const isRepositoryUrl = (location: string) =>
  /^(sftp|rest|s3|b2|azure|gs|swift|rclone):/.test(location);

/**
 * A customer's repository below KEEL_BACKUP_DIR: `<dir>/<customerId>`, or `<url>/<customerId>` on
 * a remote backend. Checked to be a customer id, so no location escapes the backup directory.
 */
export function repositoryDir(backupDir: string, customerId: string): string {
  if (!isUuid(customerId)) throw new Error(`invalid customer id ${JSON.stringify(customerId)}`);
  if (isRepositoryUrl(backupDir)) return `${backupDir}/${customerId}`;
  return path.join(path.resolve(backupDir), customerId);
}
