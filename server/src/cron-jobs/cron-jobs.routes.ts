import type { KindRoutes } from '../hosting/hosted.routes.js';
import { createCronJob } from './create-cron-job.js';
import { CreateCronJobBody, UpdateCronJobBody } from './cron-jobs.schemas.js';
import { updateCronJob } from './update-cron-job.js';

/** What only cron jobs have: create, and a PATCH that switches a job and/or changes its schedule or command. */
export const cronJobRoutes: KindRoutes = {
  create: {
    summary: "Add a scheduled job, run as the customer's own user in its home",
    body: CreateCronJobBody,
    create: createCronJob,
  },
  changes: {
    summary: 'Turn a cron job on or off, or change its schedule or command',
    body: UpdateCronJobBody,
    errors: [422],
    change: updateCronJob,
  },
};
