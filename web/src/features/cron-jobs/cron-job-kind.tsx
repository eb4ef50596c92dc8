import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { CronJob } from '../../api/types.js';
import { firstPage } from '../hosting/first-page.js';
import type { HostingKind } from '../hosting/hosting-kind.js';
import { CronJobLastRun } from './CronJobLastRun.js';
import { NewCronJobDialog } from './NewCronJobDialog.js';

const one = (customerId: string, job: CronJob) => ({
  params: { path: { id: customerId, cronJobId: job.id } },
});

export const cronJobKind: HostingKind<CronJob> = {
  title: 'Cron jobs',
  noun: 'cron job',
  plural: 'cron jobs',
  counter: 'cronJobCount',
  limit: 'cronJobs',
  list: (id) => unwrap(api.GET('/api/v1/customers/{id}/cron-jobs', firstPage(id))),
  nameOf: (job) => job.command,
  columns: [
    { label: 'Schedule (UTC)', render: (job) => <code>{job.schedule}</code> },
    { label: 'Command', render: (job) => <code>{job.command}</code> },
    { label: 'Last run', render: (job) => <CronJobLastRun job={job} /> },
  ],
  add: { label: 'Add cron job', Dialog: NewCronJobDialog },
  setEnabled: (customerId, job, enabled) =>
    unwrap(
      api.PATCH('/api/v1/customers/{id}/cron-jobs/{cronJobId}', {
        ...one(customerId, job),
        body: { enabled },
      }),
    ),
  remove: (customerId, job) =>
    unwrap(api.DELETE('/api/v1/customers/{id}/cron-jobs/{cronJobId}', one(customerId, job))),
  removal: () => 'It no longer runs; a run going on now is stopped. Files it wrote stay in the home.',
  underStatus: {
    suspended: 'none of them runs, and a run going on is stopped',
    deleted: 'none of them runs, and a run going on is stopped',
  },
  purged: 'their schedules',
};
