import type { PresentedWith } from '../hosting/resource-kind.js';
import type { CronJob } from './cron-jobs.schemas.js';
import type { cronJobs } from './cron-jobs.table.js';

export const presentCronJob = (row: typeof cronJobs.$inferSelect, shown: PresentedWith): CronJob => ({
  id: row.id,
  schedule: row.schedule,
  command: row.command,
  enabled: row.enabled,
  lastRun: row.lastRunAt
    ? { at: row.lastRunAt.toISOString(), exitCode: row.lastExitCode, output: row.lastOutput ?? '' }
    : null,
  provisioning: shown.provisioning,
  createdAt: row.createdAt.toISOString(),
});
