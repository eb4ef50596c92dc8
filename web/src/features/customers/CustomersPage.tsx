import { useMediaQuery } from '@mantine/hooks';
import { Suspense, useState } from 'react';
import { describeFailure } from '../../api/problem.js';
import { ListFooter } from '../../components/list/ListFooter.js';
import { ListPage } from '../../components/list/ListPage.js';
import { useListParams } from '../../components/list/useListParams.js';
import { toast } from '../../components/toast.js';
import { useSignedInSession } from '../auth/session.js';
import { CustomerCards } from './CustomerCards.js';
import type { OpenDialog } from './CustomerDialogs.js';
import { CustomerFilters } from './CustomerFilters.js';
import { CustomersTable } from './CustomersTable.js';
import { BulkCustomerBar, CreateCustomerDialog, CustomerDialogs } from './dialogs.js';
import { customerListQuery, useCustomerList } from './queries.js';
import { useImpersonateCustomer } from './useCustomerActions.js';
import { useCustomerSelection } from './useCustomerSelection.js';

export function CustomersPage() {
  const { user } = useSignedInSession();
  const isAdmin = user.role === 'admin';
  const view = useListParams();
  const list = useCustomerList(view);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const impersonate = useImpersonateCustomer();
  // Phones get cards: nine columns do not fit, and a list should never scroll sideways.
  const phone = useMediaQuery('(max-width: 40em)', false, { getInitialValueInEffect: false });
  const List = phone ? CustomerCards : CustomersTable;
  // Bulk actions are the table's: the cards have no boxes, so nothing chosen acts unseen on a phone.
  const selection = useCustomerSelection(
    `${view.q}\n${view.filter('status')}\n${view.filter('serverId')}`,
    list.data?.items ?? [],
  );
  const bulk = !phone && selection.customers.length > 0;

  return (
    <ListPage title="Customers" create={{ label: 'Create Customer', onClick: () => setCreating(true) }}>
      <CustomerFilters
        view={view}
        updating={list.isPlaceholderData}
        columnChoice={!phone}
        isAdmin={isAdmin}
      />
      {bulk && (
        <Suspense fallback={null}>
          <BulkCustomerBar
            selection={selection}
            list={list.data}
            query={customerListQuery(view)}
            isAdmin={isAdmin}
          />
        </Suspense>
      )}
      <List
        view={view}
        page={list.data}
        loading={list.isPending}
        stale={list.isPlaceholderData}
        error={list.error}
        isAdmin={isAdmin}
        selection={phone ? undefined : selection}
        onOpen={(customer, dialog) => setOpen({ customer, dialog })}
        onImpersonate={(customer) =>
          impersonate.mutate(customer, {
            onError: (failure) => toast(describeFailure(failure), 'failure'),
          })
        }
      />
      <ListFooter
        view={view}
        total={list.data?.total ?? 0}
        estimated={list.data?.totalIsEstimate ?? false}
        noun="customer"
      />
      {/* Nothing shows while a dialog's code loads, instead of the page's loader replacing the list. */}
      <Suspense fallback={null}>
        {creating && <CreateCustomerDialog isAdmin={isAdmin} onClose={() => setCreating(false)} />}
        {open && <CustomerDialogs {...open} isAdmin={isAdmin} onClose={() => setOpen(null)} />}
      </Suspense>
    </ListPage>
  );
}
