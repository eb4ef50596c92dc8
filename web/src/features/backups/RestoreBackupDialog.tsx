import { Checkbox, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Backup, BackupPart, Customer } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { MutationError } from '../../components/MutationError.js';
import { fullName } from '../customers/useCustomerActions.js';
import { backupParts, holds } from './backup-parts.js';
import { backupName, useRestoreBackup } from './queries.js';

type Props = { customer: Customer; backup: Backup; onClose: () => void };

/**
 * Asks before a restore, naming the customer and the backup; the parts the backup holds are
 * ticked, each saying what putting it back replaces. The restore runs as a job the section shows.
 */
export function RestoreBackupDialog({ customer, backup, onClose }: Props) {
  const restore = useRestoreBackup(customer.id, backup);
  const [parts, setParts] = useState<BackupPart[]>(
    backupParts.map(({ part }) => part).filter((part) => holds(backup, part)),
  );
  const name = backupName(backup);
  return (
    <ConfirmDialog
      title={`Restore ${fullName(customer)} from ${name}?`}
      confirmLabel="Restore"
      busy={restore.isPending}
      canConfirm={parts.length > 0}
      onConfirm={() => restore.mutate(parts, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Text size="sm">
        What you choose here is put back as it was in {name}; changes made since to it are lost. The restore
        runs in the background.
      </Text>
      <Checkbox.Group
        label="Parts to restore"
        value={parts}
        onChange={(chosen) => setParts(chosen as BackupPart[])}
      >
        <Stack gap="xs" mt="xs">
          {backupParts.map(({ part, label, replaces }) => (
            <Checkbox
              key={part}
              value={part}
              label={label}
              description={holds(backup, part) ? replaces : 'Not in this backup.'}
              disabled={!holds(backup, part)}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <MutationError failure={restore.error} />
    </ConfirmDialog>
  );
}
