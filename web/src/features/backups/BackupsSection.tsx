import { Card, Group, Table, Text, Title } from '@mantine/core';
import { IconRestore, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { describeFailure } from '../../api/problem.js';
import type { Backup, Customer } from '../../api/types.js';
import { CompactTable } from '../../components/CompactTable.js';
import { DeleteDialog } from '../../components/DeleteDialog.js';
import { formatDateTime } from '../../components/format.js';
import { IconAction } from '../../components/IconAction.js';
import { PermittedButton } from '../../components/PermittedButton.js';
import { TableState } from '../../components/TableState.js';
import { toast } from '../../components/toast.js';
import { BackupJobs } from './BackupJobs.js';
import { BackupState } from './BackupState.js';
import { contentLines } from './backup-parts.js';
import { backUpPermission, deletePermission, restorePermission } from './backup-permissions.js';
import { backupName, useBackupJobs, useBackups, useDeleteBackup, useStartBackup } from './queries.js';
import { RestoreBackupDialog } from './RestoreBackupDialog.js';
import { formatSize } from './size.js';

type Chosen = { action: 'restore' | 'delete'; backup: Backup };

const triggers: Record<Backup['trigger'], string> = {
  manual: 'Manual',
  scheduled: 'Scheduled',
  'before-purge': 'Before the permanent deletion',
  'before-move': 'Before a move to another server',
};

function DeleteBackupDialog({
  customerId,
  backup,
  onClose,
}: {
  customerId: string;
  backup: Backup;
  onClose: () => void;
}) {
  const remove = useDeleteBackup(customerId, backup);
  return (
    <DeleteDialog title={`Delete ${backupName(backup)}?`} remove={remove} onClose={onClose}>
      <Text size="sm">
        It can no longer be restored. Its data leaves the repository in the background. This cannot be undone.
      </Text>
    </DeleteDialog>
  );
}

/**
 * The customer's backups, for the customer and for the admin or reseller looking at it: each
 * with its date, size, contents and state, restored (by parts) or deleted after a confirmation;
 * "Back up now"; and the newest jobs, followed while one waits or runs.
 */
export function BackupsSection({ customer }: { customer: Customer }) {
  const customerId = customer.id;
  const backups = useBackups(customerId);
  const jobs = useBackupJobs(customerId);
  const start = useStartBackup(customerId);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const rows = backups.data?.items ?? [];
  const jobRows = jobs.data?.items ?? [];

  return (
    <Card withBorder component="section" aria-label="Backups">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={2} size="h4">
            Backups
          </Title>
          <Text size="sm" c="dimmed">
            Files, databases, mailboxes and DNS zones, encrypted.
          </Text>
        </div>
        <PermittedButton
          label="Back up now"
          permission={backUpPermission(customer)}
          onClick={() =>
            start.mutate(undefined, { onError: (failure) => toast(describeFailure(failure), 'failure') })
          }
        />
      </Group>
      <CompactTable
        label="Backups list"
        minWidth={640}
        headers={['Date', 'Size', 'Contents', 'State', 'Actions']}
      >
        <TableState
          columns={5}
          loading={backups.isPending}
          error={backups.error}
          empty={rows.length === 0}
          emptyText="No backups yet."
        />
        {rows.map((backup) => (
          <Table.Tr key={backup.id}>
            <Table.Td>
              {formatDateTime(backup.createdAt)}
              <Text size="xs" c="dimmed">
                {triggers[backup.trigger]}
              </Text>
            </Table.Td>
            <Table.Td>{backup.state === 'ready' ? formatSize(backup.sizeBytes) : '—'}</Table.Td>
            <Table.Td>
              {contentLines(backup).map((line) => (
                <Text key={line} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {line}
                </Text>
              ))}
            </Table.Td>
            <Table.Td>
              <BackupState state={backup.state} detail={backup.error} />
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <IconAction
                  label={`Restore ${backupName(backup)}`}
                  Icon={IconRestore}
                  permission={restorePermission(customer, backup)}
                  onClick={() => setChosen({ action: 'restore', backup })}
                />
                <IconAction
                  label={`Delete ${backupName(backup)}`}
                  Icon={IconTrash}
                  color="red"
                  permission={deletePermission(customer, backup)}
                  onClick={() => setChosen({ action: 'delete', backup })}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </CompactTable>
      {jobRows.length > 0 && <BackupJobs jobs={jobRows} backups={rows} />}
      {chosen?.action === 'restore' && (
        <RestoreBackupDialog customer={customer} backup={chosen.backup} onClose={() => setChosen(null)} />
      )}
      {chosen?.action === 'delete' && (
        <DeleteBackupDialog customerId={customerId} backup={chosen.backup} onClose={() => setChosen(null)} />
      )}
    </Card>
  );
}
