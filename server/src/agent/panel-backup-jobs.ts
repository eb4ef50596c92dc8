import { randomBytes } from 'node:crypto';
import type {
  BackupJobStore,
  ClaimedJob,
  JobOutcome,
  ResourceReadiness,
} from '../backups/backup-job-store.js';
import type { PanelClient } from './panel-client.js';

/**
 * The backup runner's store over the panel's HTTP API: what an agent's runner uses. The panel
 * answers each call with its DatabaseBackupJobs limited to this agent's server.
 */
export class PanelBackupJobs implements BackupJobStore {
  /** This run's name: jobs a killed earlier run held are its successor's to clean up. */
  private readonly runner = randomBytes(6).toString('hex');

  constructor(private readonly panel: PanelClient) {}

  async claim(): Promise<ClaimedJob | null> {
    const { claimed } = await this.panel.call<{ claimed: ClaimedJob | null }>('POST', '/backup-jobs/claims', {
      runner: this.runner,
    });
    return claimed;
  }

  async interrupted(): Promise<ClaimedJob[]> {
    const { jobs } = await this.panel.call<{ jobs: ClaimedJob[] }>('POST', '/backup-jobs/interrupted', {
      runner: this.runner,
    });
    return jobs;
  }

  async progress(jobId: string, step: string): Promise<void> {
    await this.panel.call('POST', `/backup-jobs/${jobId}/progress`, { step });
  }

  async finish(jobId: string, outcome: JobOutcome): Promise<void> {
    await this.panel.call('POST', `/backup-jobs/${jobId}/finish`, outcome);
  }

  async restoreResources(
    jobId: string,
    resources: Record<string, Record<string, unknown>[]>,
  ): Promise<string[]> {
    const { failures } = await this.panel.call<{ failures: string[] }>(
      'POST',
      `/backup-jobs/${jobId}/resources`,
      {
        resources,
      },
    );
    return failures;
  }

  readiness(jobId: string, noun: 'database' | 'mailbox', name: string): Promise<ResourceReadiness> {
    const query = new URLSearchParams({ noun, name });
    return this.panel.call('GET', `/backup-jobs/${jobId}/readiness?${query}`);
  }
}
