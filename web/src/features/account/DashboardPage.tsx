import { Alert, Stack } from '@mantine/core';
import { useState } from 'react';
import { describeFailure } from '../../api/problem.js';
import { PageLoader } from '../../app/PageLoader.js';
import { PageTitle } from '../../components/PageTitle.js';
import { BackupsSection } from '../backups/BackupsSection.js';
import { useCustomer } from '../customers/queries.js';
import { CustomerResources } from '../hosting/CustomerResources.js';
import { AccountCard } from './AccountCard.js';
import { OwnPasswordDialog } from './OwnPasswordDialog.js';
import { useOwnCustomerId } from './useOwnCustomerId.js';

export function DashboardPage() {
  const customerId = useOwnCustomerId();
  const customer = useCustomer(customerId);
  const [changingPassword, setChangingPassword] = useState(false);

  return (
    <Stack>
      <PageTitle>Dashboard</PageTitle>
      {customer.isPending ? (
        <PageLoader />
      ) : customer.isError ? (
        <Alert color="red" title="Could not load your account">
          {describeFailure(customer.error)}
        </Alert>
      ) : (
        <>
          <AccountCard customer={customer.data} onChangePassword={() => setChangingPassword(true)} />
          <CustomerResources customer={customer.data} />
          <BackupsSection customer={customer.data} />
        </>
      )}
      {changingPassword && (
        <OwnPasswordDialog customerId={customerId} onClose={() => setChangingPassword(false)} />
      )}
    </Stack>
  );
}
