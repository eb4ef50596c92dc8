import { Alert, Anchor, Button, Group, Stack } from '@mantine/core';
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
import { useServers } from '../servers/useServers.js';
import { CustomerActivity } from './CustomerActivity.js';
import { CustomerFacts } from './CustomerFacts.js';
import { CustomerMoveNote } from './CustomerMoveNote.js';
import { type CustomerDialog, CustomerRowActions } from './CustomerRowActions.js';
import { CustomerDialogs } from './dialogs.js';
import { MoveCustomerDialog } from './MoveCustomerDialog.js';
import { useCustomer } from './queries.js';
import { fullName, useImpersonateCustomer } from './useCustomerActions.js';

function CustomerDetail({ customer }: { customer: Customer }) {
  const isAdmin = useSignedInSession().user.role === 'admin';
  const [dialog, setDialog] = useState<CustomerDialog | null>(null);
  const [moving, setMoving] = useState(false);
  const impersonate = useImpersonateCustomer();
  // Moving needs somewhere to go: only admins see servers, and only with more than one. Whether
  // this customer may move now (not deleted, not moving already) is the server's permission.
  const servers = useServers({ enabled: isAdmin });
  const canMove = isAdmin && (servers.data?.items.length ?? 0) > 1 && customer.permissions.move.allowed;
  return (
    <>
      <Group justify="space-between">
        <PageTitle>{fullName(customer)}</PageTitle>
        <Group gap="xs">
          {canMove && (
            <Button variant="default" size="xs" onClick={() => setMoving(true)}>
              Move to server
            </Button>
          )}
          <CustomerRowActions
            customer={customer}
            onOpen={setDialog}
            onImpersonate={() =>
              impersonate.mutate(customer, {
                onError: (failure) => toast(describeFailure(failure), 'failure'),
              })
            }
          />
        </Group>
      </Group>
      <CustomerMoveNote move={customer.move} />
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
        {moving && <MoveCustomerDialog customer={customer} onClose={() => setMoving(false)} />}
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
