import path from 'node:path';
import type { Config } from '../config.js';
import { mailLayout } from '../provisioning/drivers/mail/layout.js';
import type { MachineEnvironment } from './take-backup.js';

/** What a backup runner reaches on this machine, from its configuration: the panel's or an agent's. */
export const machineEnvironment = (config: Config): MachineEnvironment => ({
  backupDir: config.backupDir,
  cacheDir: path.join(config.dataDir, 'backup-cache'),
  homesDir: config.homesDir,
  mariadbUrl: config.mariadbUrl,
  mailStoreDir:
    config.mail.smtpPort === null
      ? null
      : mailLayout(path.join(config.dataDir, 'mail'), config.mail).storeDir,
});
