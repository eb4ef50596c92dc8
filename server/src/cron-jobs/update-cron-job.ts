import type { Context } from '../context.js';
import { updateHosted } from '../hosting/hosted-resources.js';
import type { HostedIds } from '../hosting/resource-kind.js';
import { checkedCronJob } from './cron-job-input.js';
import { cronJobKind } from './cron-job-kind.js';
import type { UpdateCronJobBody } from './cron-jobs.schemas.js';
import { nextDue } from './cron-schedule.js';

/** Switches a job on or off and/or changes its schedule or command, in one audited change. */
export function updateCronJob(ctx: Context, ids: HostedIds, input: UpdateCronJobBody) {
  const now = ctx.now();
  return updateHosted(ctx, cronJobKind, ids, (job) => {
    const wanted = checkedCronJob(
      { schedule: input.schedule ?? job.schedule, command: input.command ?? job.command },
      now,
    );
    const set: Record<string, unknown> = {};
    const details: Record<string, unknown> = {};
    if (input.enabled !== undefined && input.enabled !== job.enabled) {
      set.enabled = input.enabled;
      details.enabled = { from: job.enabled, to: input.enabled };
    }
    if (wanted.schedule !== job.schedule) {
      set.schedule = wanted.schedule;
      // The old schedule's next time means nothing for the new one.
      set.nextRunAt = nextDue(wanted.schedule, now);
      details.schedule = { from: job.schedule, to: wanted.schedule };
    }
    if (wanted.command !== job.command) {
      set.command = wanted.command;
      details.command = { from: job.command, to: wanted.command };
    }
    return Object.keys(set).length === 0 ? null : { set, details };
  });
}
