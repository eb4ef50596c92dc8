import { Alert, Anchor, Group, Stack } from '@mantine/core';
import { Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeFailure } from '../../api/problem.js';
import type { Customer } from '../../api/types.js';
import { PageLoader } from '../../app/PageLoader.js';
import { PageTitle } from '../../components/PageTitle.js';
import { toast } from '../../components/toast.js';
import { useSignedInSession } from '../auth/session.js';
import { BackupsSection } from '../backups/BackupsSection.js';
import { CustomerResources } from '../hosting/CustomerResources.js';
import { CustomerActivity } from './CustomerActivity.js';
import { CustomerFacts } from './CustomerFacts.js';
import { type CustomerDialog, CustomerRowActions } from './CustomerRowActions.js';
import { CustomerDialogs } from './dialogs.js';
import { useCustomer } from './queries.js';
import { fullName, useImpersonateCustomer } from './useCustomerActions.js';

function CustomerDetail({ customer }: { customer: Customer }) {
  const isAdmin = useSignedInSession().user.role === 'admin';
  const [dialog, setDialog] = useState<CustomerDialog | null>(null);
  const impersonate = useImpersonateCustomer();
  return (
    <>
      <Group justify="space-between">
        <PageTitle>{fullName(customer)}</PageTitle>
        <CustomerRowActions
          customer={customer}
          onOpen={setDialog}
          onImpersonate={() =>
            impersonate.mutate(customer, { onError: (failure) => toast(describeFailure(failure), 'failure') })
          }
        />
      </Group>
      <CustomerFacts customer={customer} isAdmin={isAdmin} />
      <CustomerResources customer={customer} />
      <BackupsSection customer={customer} />
      <CustomerActivity customerId={customer.id} />
      <Suspense fallback={null}>
        {dialog && (
          <CustomerDialogs
            dialog={dialog}
            customer={customer}
            isAdmin={isAdmin}
            onClose={() => setDialog(null)}
          />
        )}
      </Suspense>
    </>
  );
}

/**
 * One customer as its admin or reseller sees it: its data and status, its resources managed as on
 * its own dashboard, and its activity — without logging in as it.
 */
export function CustomerDetailPage() {
  const { customerId } = useParams();
  const customer = useCustomer(customerId);
  return (
    <Stack>
      <Anchor component={Link} to="/customers" size="sm" w="fit-content">
        ← Customers
      </Anchor>
      {customer.isPending ? (
        <PageLoader />
      ) : customer.isError ? (
        <>
          <PageTitle>Customer</PageTitle>
          <Alert color="red" title="Could not load the customer">
            {describeFailure(customer.error)}
          </Alert>
        </>
      ) : (
        <CustomerDetail customer={customer.data} />
      )}
    </Stack>
  );
}
