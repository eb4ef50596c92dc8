import type { Reseller } from '../../api/types.js';
import { formatDate } from '../../components/format.js';
import { EditableListPage } from '../../components/list/EditableListPage.js';
import type { ListColumn } from '../../components/list/ListTable.js';
import { useListParams } from '../../components/list/useListParams.js';
import { useResellerList } from './queries.js';
import { CreateResellerDialog, DeleteResellerDialog, EditResellerDialog } from './ResellerDialogs.js';

const columns: ListColumn<Reseller>[] = [
  { label: 'Name', sortField: 'name', render: (reseller) => reseller.name },
  { label: 'Company', sortField: 'company', render: (reseller) => reseller.company || '—' },
  { label: 'Email', sortField: 'email', render: (reseller) => reseller.email },
  { label: 'Customers', sortField: 'customerCount', render: (reseller) => reseller.customerCount },
  { label: 'Created', sortField: 'createdAt', render: (reseller) => formatDate(reseller.createdAt) },
];

export function ResellersPage() {
  const view = useListParams();
  const list = useResellerList(view);
  return (
    <EditableListPage
      title="Resellers"
      createLabel="Create Reseller"
      emptyText="No resellers yet."
      noun="reseller"
      minWidth={760}
      columns={columns}
      view={view}
      list={list}
      createDialog={(onClose) => <CreateResellerDialog onClose={onClose} />}
      editDialog={(reseller, onClose) => <EditResellerDialog reseller={reseller} onClose={onClose} />}
      deleteDialog={(reseller, onClose) => <DeleteResellerDialog reseller={reseller} onClose={onClose} />}
    />
  );
}
