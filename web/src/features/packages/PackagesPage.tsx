import type { HostingPackage } from '../../api/types.js';
import { EditableListPage } from '../../components/list/EditableListPage.js';
import type { ListColumn } from '../../components/list/ListTable.js';
import { useListParams } from '../../components/list/useListParams.js';
import { useSignedInSession } from '../auth/session.js';
import { formatLimit, limitLabels, limitNames } from './limits.js';
import { CreatePackageDialog, DeletePackageDialog, EditPackageDialog } from './PackageDialogs.js';
import { usePackageList } from './queries.js';

type Column = ListColumn<HostingPackage>;

const nameColumn: Column = {
  label: 'Name',
  sortField: 'name',
  render: (hostingPackage) => hostingPackage.name,
};
const ownerColumn: Column = {
  label: 'Owner',
  sortField: 'owner',
  render: (hostingPackage) => hostingPackage.owner?.name ?? 'Admin',
};
const serverGroupColumn: Column = {
  label: 'Server group',
  render: (hostingPackage) => hostingPackage.serverGroup ?? 'Any',
};
const limitColumns = limitNames.map(
  (limit): Column => ({
    label: limitLabels[limit],
    render: (hostingPackage) => formatLimit(hostingPackage.limits[limit]),
  }),
);

export function PackagesPage() {
  const { user } = useSignedInSession();
  const view = useListParams();
  const list = usePackageList(view);
  return (
    <EditableListPage
      title="Packages"
      createLabel="Create Package"
      emptyText="No packages yet."
      noun="package"
      minWidth={860}
      columns={
        user.role === 'admin'
          ? [nameColumn, ownerColumn, serverGroupColumn, ...limitColumns]
          : [nameColumn, ...limitColumns]
      }
      view={view}
      list={list}
      createDialog={(onClose) => <CreatePackageDialog onClose={onClose} />}
      editDialog={(hostingPackage, onClose) => (
        <EditPackageDialog hostingPackage={hostingPackage} onClose={onClose} />
      )}
      deleteDialog={(hostingPackage, onClose) => (
        <DeletePackageDialog hostingPackage={hostingPackage} onClose={onClose} />
      )}
    />
  );
}
