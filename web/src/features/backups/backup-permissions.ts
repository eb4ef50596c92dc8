import type { Backup, Customer, Permission } from '../../api/types.js';

const allowed: Permission = { allowed: true, reason: null };

const moving: Permission = {
  allowed: false,
  reason: 'Customer is being moved to another server; wait until the move is done',
};

/**
 * The server's rule for taking or deleting a backup (backups/backup-policy.ts): not while a move
 * runs its own backup jobs, nor of a deleted customer (its backups are kept as they are).
 */
export function backUpPermission(customer: Customer): Permission {
  if (customer.move?.state === 'running') return moving;
  if (customer.status === 'deleted')
    return { allowed: false, reason: 'Customer is deleted; restore it first' };
  return allowed;
}

/**
 * The server's rule for a restore (backups/backup-policy.ts): only of a ready backup, only while
 * the customer is active, and not while a move carries its data to another server.
 */
export function restorePermission(customer: Customer, backup: Backup): Permission {
  if (customer.move?.state === 'running') return moving;
  if (customer.status !== 'active')
    return {
      allowed: false,
      reason: `Customer is ${customer.status}; a restore waits until it is active again`,
    };
  if (backup.state !== 'ready')
    return { allowed: false, reason: `This backup is ${backup.state}; only a ready one restores.` };
  return allowed;
}

/** The server's rule for a deletion: as for a backup, and not while this one is still being taken. */
export function deletePermission(customer: Customer, backup: Backup): Permission {
  if (backup.state === 'running') return { allowed: false, reason: 'This backup is still running.' };
  return backUpPermission(customer);
}
