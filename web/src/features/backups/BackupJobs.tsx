import { Table, Title } from '@mantine/core';
import type { Backup, BackupJob } from '../../api/types.js';
import { CompactTable } from '../../components/CompactTable.js';
import { formatDateTime } from '../../components/format.js';
import { BackupState } from './BackupState.js';
import { backupParts } from './backup-parts.js';

function whatItDoes(job: BackupJob, backups: readonly Backup[]): string {
  const backup = backups.find(({ id }) => id === job.backupId);
  const of = backup ? ` of ${formatDateTime(backup.createdAt)}` : '';
  if (job.kind === 'backup') return `Backup${of}`;
  if (job.kind === 'forget') return `Removing a deleted backup${of} from the repository`;
  if (job.kind === 'vacate') return 'Removing the customer from the server it moved away from';
  const parts = backupParts.filter(({ part }) => job.parts.includes(part)).map(({ label }) => label);
  return `Restore${backup ? ` from the backup${of}` : ''}: ${parts.join(', ')}`;
}

/** The customer's newest backup jobs: what waits, what runs and what it does now, and why one failed. */
export function BackupJobs({ jobs, backups }: { jobs: readonly BackupJob[]; backups: readonly Backup[] }) {
  return (
    <>
      <Title order={3} size="h5" mt="sm" mb={4}>
        Jobs
      </Title>
      <CompactTable label="Backup jobs" minWidth={560} headers={['Job', 'Queued', 'Finished', 'State']}>
        {jobs.map((job) => (
          <Table.Tr key={job.id}>
            <Table.Td>{whatItDoes(job, backups)}</Table.Td>
            <Table.Td>{formatDateTime(job.createdAt)}</Table.Td>
            <Table.Td>{formatDateTime(job.finishedAt)}</Table.Td>
            <Table.Td>
              <BackupState state={job.state} detail={job.error ?? job.progress} />
            </Table.Td>
          </Table.Tr>
        ))}
      </CompactTable>
    </>
  );
}
