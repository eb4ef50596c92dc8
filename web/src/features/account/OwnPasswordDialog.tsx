import { Button } from '@mantine/core';
import { AppModal } from '../../components/AppModal.js';
import { OwnPasswordForm } from './OwnPasswordForm.js';

/** A customer changes its own password from its dashboard. */
export function OwnPasswordDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  return (
    <AppModal opened onClose={onClose} title="Change Password">
      <OwnPasswordForm
        customerId={customerId}
        currentLabel="Current password"
        submitLabel="Change Password"
        secondary={
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
        }
        onChanged={onClose}
      />
    </AppModal>
  );
}
