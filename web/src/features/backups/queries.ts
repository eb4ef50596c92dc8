import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';

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

/** What a soft delete does to the backups. */
export const backupsKeptText = (count: number) =>
  count === 0
    ? 'It has no backups.'
    : `Its ${backupsOf(count)} ${count === 1 ? 'is' : 'are'} kept until the permanent deletion.`;

/** What a purge does to the backups. */
export const backupsPurgedText = (count: number) =>
  count === 0
    ? 'It has no backups.'
    : `Its ${backupsOf(count)} and the key to ${count === 1 ? 'it' : 'them'} are deleted: nothing of it can be restored afterwards.`;
