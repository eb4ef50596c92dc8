import type { Context } from '../context.js';
import { customerForNewHosted, recordHostedCreated } from '../hosting/hosted-resources.js';
import { wakeReconciler } from '../hosting/resource-changes.js';
import { assertWithinPackageLimit } from '../hosting/resource-limits.js';
import { checkedCronJob } from './cron-job-input.js';
import { cronJobKind } from './cron-job-kind.js';
import type { CreateCronJobBody } from './cron-jobs.schemas.js';
import { cronJobs } from './cron-jobs.table.js';
import { nextDue } from './cron-schedule.js';

/** Adds a scheduled job; it runs from its schedule's next due time once the reconciler has its home ready. */
export async function createCronJob(ctx: Context, customerId: string, input: CreateCronJobBody) {
  const now = ctx.now();
  const job = checkedCronJob(input, now);
  const created = await ctx.db.transaction(async (tx) => {
    const customer = await customerForNewHosted(tx, ctx.actor, customerId);
    await assertWithinPackageLimit(tx, customer, cronJobKind);
    const [cronJob] = await tx
      .insert(cronJobs)
      .values({
        customerId: customer.id,
        schedule: job.schedule,
        command: job.command,
        enabled: input.enabled ?? true,
        nextRunAt: nextDue(job.schedule, now),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!cronJob) throw new Error('the cron job was not inserted');
    await recordHostedCreated(tx, ctx, cronJobKind, customer, cronJob);
    return { customer, resource: cronJob };
  });
  wakeReconciler(ctx);
  return created;
}
