import type { Customer } from '../../api/types.js';
import { ActivateCustomerDialog } from './ActivateCustomerDialog.js';
import { ChangePasswordDialog } from './ChangePasswordDialog.js';
import type { CustomerDialog } from './CustomerRowActions.js';
import { DeleteCustomerDialog } from './DeleteCustomerDialog.js';
import { EditCustomerDialog } from './EditCustomerDialog.js';
import { PurgeCustomerDialog } from './PurgeCustomerDialog.js';
import { RestoreCustomerDialog } from './RestoreCustomerDialog.js';
import { SuspendCustomerDialog } from './SuspendCustomerDialog.js';

export type OpenDialog = { dialog: CustomerDialog; customer: Customer };

type Props = OpenDialog & { isAdmin: boolean; onClose: () => void };

/** The dialog of one row action. */
export function CustomerDialogs({ dialog, customer, isAdmin, onClose }: Props) {
  const props = { customer, onClose };
  switch (dialog) {
    case 'edit':
      return <EditCustomerDialog {...props} isAdmin={isAdmin} />;
    case 'password':
      return <ChangePasswordDialog {...props} isAdmin={isAdmin} />;
    case 'suspend':
      return <SuspendCustomerDialog {...props} />;
    case 'activate':
      return <ActivateCustomerDialog {...props} />;
    case 'delete':
      return <DeleteCustomerDialog {...props} isAdmin={isAdmin} />;
    case 'restore':
      return <RestoreCustomerDialog {...props} />;
    case 'purge':
      return <PurgeCustomerDialog {...props} isAdmin={isAdmin} />;
  }
}
