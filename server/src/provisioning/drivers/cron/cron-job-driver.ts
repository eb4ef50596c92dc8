import type { CustomerHomes } from '../files/customer-homes.js';
import { homeOwner } from '../files/home-owner.js';
import { settleInGroups } from '../in-groups.js';
import {
  type ApplyResult,
  type DesiredState,
  failure,
  type InventoryItem,
  type ResourceDriver,
} from '../types.js';

export interface CronJobDesired {
  id: string;
  customerId: string;
  /** The customer's system uid: the job runs as it, in its home. */
  uid: number;
  state: DesiredState;
}

/** Homes made at once: each is a few stats, and a bulk change may bring thousands. */
const GROUP = 20;

/**
 * Cron jobs have no service outside Keel: the scheduler (cron-jobs/cron-scheduler.ts) runs the
 * live ones itself. Applying a live job makes sure what it runs in is there, its customer's own
 * home; a job switched off or taken away has nothing to take down, as the scheduler reads the
 * job's state before every run and stops a run whose job no longer may.
 */
export class CronJobDriver implements ResourceDriver<CronJobDesired> {
  constructor(private readonly homes: CustomerHomes) {}

  async apply(batch: readonly CronJobDesired[]): Promise<ApplyResult[]> {
    const outcomes = await settleInGroups(batch, GROUP, async (job) => {
      if (job.state === 'live')
        await this.homes.ensureOwnedDirectory(job.customerId, '', await homeOwner(job.uid));
    });
    return outcomes.map((outcome, index) => {
      const id = (batch[index] as CronJobDesired).id;
      return outcome.status === 'fulfilled' ? { id, ok: true } : failure(id, outcome.reason);
    });
  }

  /** Nothing of a job lives on a service: the rows are all there is. */
  async inventory(): Promise<InventoryItem[]> {
    return [];
  }
}
