import { servedWhileActive } from '../hosting/effective-state.js';
import type { ResourceKind } from '../hosting/resource-kind.js';
import type { CronJobDesired, CronJobDriver } from '../provisioning/drivers/cron/cron-job-driver.js';
import { cronJobService } from '../provisioning/drivers/cron/cron-job-service.js';
import type { ReconciledKind } from '../provisioning/reconciled-kind.js';
import { desiredCronJobs, expectedCronJobs } from './cron-job-inventory.js';
import { CronJob } from './cron-jobs.schemas.js';
import { cronJobs } from './cron-jobs.table.js';
import { presentCronJob } from './present-cron-job.js';

/** A command run on a schedule as the customer's own user; none runs while the customer is suspended or deleted. */
export const cronJobKind = {
  noun: 'cron_job',
  title: 'Cron job',
  plural: 'cron jobs',
  path: 'cron-jobs',
  idParam: 'cronJobId',
  table: cronJobs,
  counter: 'cronJobCount',
  limit: 'cronJobs',
  statusStates: servedWhileActive,
  sortColumns: { schedule: cronJobs.schedule, command: cronJobs.command, createdAt: cronJobs.createdAt },
  defaultSort: 'createdAt',
  searchColumn: cronJobs.command,
  actions: ['repaired'],
  label: (job) => job.command,
  describe: (job) => ({ schedule: job.schedule, command: job.command }),
  schema: CronJob,
  present: presentCronJob,
  desired: desiredCronJobs,
  service: cronJobService,
  expected: expectedCronJobs,
} as const satisfies ResourceKind<typeof cronJobs> & ReconciledKind<CronJobDesired, CronJobDriver>;
