import type { CronRun, DueRun } from '../cron-jobs/cron-run-claims.js';
import type { CronRunStore } from '../cron-jobs/cron-run-store.js';
import { type PanelClient, PanelRefusal } from './panel-client.js';

/**
 * The cron scheduler's store over the panel's HTTP API: what an agent's scheduler uses. The panel
 * answers each call with its database store limited to this agent's server (agent-cron.routes.ts).
 */
export class PanelCronRunStore implements CronRunStore {
  constructor(private readonly panel: PanelClient) {}

  async claimDueRuns(owner: string, leaseMs: number, limit: number): Promise<DueRun[]> {
    const { runs } = await this.panel.call<{ runs: (Omit<DueRun, 'due'> & { due: string })[] }>(
      'POST',
      '/cron/claims',
      { owner, leaseMs, limit },
    );
    return runs.map((run) => ({ ...run, due: new Date(run.due) }));
  }

  async recordRun(owner: string, id: string, run: CronRun): Promise<boolean> {
    try {
      await this.panel.call('POST', `/cron/jobs/${id}/runs`, { owner, ...run, at: run.at.toISOString() });
      return true;
    } catch (error) {
      if (error instanceof PanelRefusal && error.status === 404) return false;
      throw error;
    }
  }

  async stillRunnable(ids: readonly string[]): Promise<Set<string>> {
    const allowed = await this.panel.call<{ ids: string[] }>('POST', '/cron/runnable', { ids });
    return new Set(allowed.ids);
  }
}
