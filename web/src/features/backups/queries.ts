import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Backup, BackupJob, BackupPart } from '../../api/types.js';
import { formatDateTime } from '../../components/format.js';
import { useApiMutation } from '../../components/useApiMutation.js';

/** How many backups the customer has: the delete and purge dialogs say what happens to them. */
export function useBackupCount(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'backups', 'count'],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/customers/{id}/backups', {
            params: { path: { id: customerId }, query: { page: 1, perPage: 1 } },
          }),
        )
      ).total,
    // Backups come and go in the background: each dialog counts them afresh.
    refetchOnMount: 'always',
  });
}

const backupsOf = (count: number) => (count === 1 ? '1 backup' : `${count} backups`);

const daysOf = (days: number) => (days === 1 ? '1 day' : `${days} days`);

/**
 * What the permanent deletion does to the backups, by the backup setting `keepAfterPurgeDays`:
 * 0 deletes them with their key; more keeps a final backup that long; undefined (a reseller, who
 * cannot read the platform's settings) says both.
 */
function afterPurge(count: number, keepDays: number | undefined): string {
  const them = count === 0 ? 'its backups' : `its ${backupsOf(count)}`;
  if (keepDays === undefined) {
    return `The permanent deletion deletes ${them} and their key, unless the platform's operator keeps a final backup for a number of days.`;
  }
  if (keepDays === 0) {
    return count === 0
      ? 'Nothing of it can be restored after the permanent deletion.'
      : `The permanent deletion deletes ${them} and the key to ${count === 1 ? 'it' : 'them'}: nothing of it can be restored afterwards.`;
  }
  const others = count === 0 ? '' : ` (with ${them})`;
  return `The permanent deletion first takes a final backup; a final backup is kept for ${daysOf(keepDays)}${others}, where only the platform's operator can restore from it, and is then deleted with its key.`;
}

/** What a soft delete does to the backups. */
export const backupsKeptText = (count: number, keepDays: number | undefined) =>
  `${count === 0 ? 'It has no backups.' : `Its ${backupsOf(count)} ${count === 1 ? 'is' : 'are'} kept until the permanent deletion.`} ${afterPurge(count, keepDays)}`;

/** What a purge does to the backups. */
export const backupsPurgedText = (count: number, keepDays: number | undefined) =>
  `${count === 0 ? 'It has no backups. ' : ''}${afterPurge(count, keepDays)}`;

/** How often a list is asked again while the runner works on the customer's backups. */
const whileWorking = 2000;

export const jobIsWorking = (job: BackupJob) => job.state === 'queued' || job.state === 'running';

/** The customer's backups, newest first; asked again while one is being taken. */
export function useBackups(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'backups', 'list'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/customers/{id}/backups', {
          params: { path: { id: customerId }, query: { page: 1, perPage: 100 } },
        }),
      ),
    refetchInterval: (query) =>
      query.state.data?.items.some((backup) => backup.state === 'running') ? whileWorking : false,
  });
}

/**
 * The customer's newest jobs; asked again only while one waits or runs, to show its progress.
 * When the last one ends, everything of the customer is asked again: a restore may have made
 * websites, databases or zones again, and a backup's row has its size.
 */
export function useBackupJobs(customerId: string) {
  const queryClient = useQueryClient();
  const jobs = useQuery({
    queryKey: ['customers', customerId, 'backup-jobs'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/customers/{id}/backup-jobs', {
          params: { path: { id: customerId }, query: { page: 1, perPage: 5 } },
        }),
      ),
    refetchInterval: (query) => (query.state.data?.items.some(jobIsWorking) ? whileWorking : false),
  });
  const working = jobs.data?.items.some(jobIsWorking) ?? false;
  const wasWorking = useRef(working);
  useEffect(() => {
    if (wasWorking.current && !working)
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(customerId) });
    wasWorking.current = working;
  }, [working, customerId, queryClient]);
  return jobs;
}

/** "the backup of 5 Dec 2026, 14:02", as dialogs and toasts name one. */
export const backupName = (backup: Pick<Backup, 'createdAt'>) =>
  `the backup of ${formatDateTime(backup.createdAt)}`;

export function useStartBackup(customerId: string) {
  return useApiMutation({
    run: () => unwrap(api.POST('/api/v1/customers/{id}/backups', { params: { path: { id: customerId } } })),
    success: () => 'Backup started',
  });
}

export function useRestoreBackup(customerId: string, backup: Backup) {
  return useApiMutation({
    run: (parts: BackupPart[]) =>
      unwrap(
        api.POST('/api/v1/customers/{id}/backups/{backupId}/restore', {
          params: { path: { id: customerId, backupId: backup.id } },
          body: { parts },
        }),
      ),
    success: () => `Restore of ${backupName(backup)} started`,
  });
}

export function useDeleteBackup(customerId: string, backup: Backup) {
  return useApiMutation({
    run: () =>
      unwrap(
        api.DELETE('/api/v1/customers/{id}/backups/{backupId}', {
          params: { path: { id: customerId, backupId: backup.id } },
        }),
      ),
    success: () => `Backup of ${formatDateTime(backup.createdAt)} deleted`,
  });
}
