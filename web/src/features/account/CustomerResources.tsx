import { SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Database, DnsZone, FtpAccount, Mailbox, Website } from '../../api/types.js';
import { ProvisioningBadge, type ResourceColumn, ResourceSection } from './ResourceSection.js';

const enabledColumn = {
  label: 'Enabled',
  render: (item: { enabled: boolean }) => (item.enabled ? 'Yes' : 'No'),
};
const stateColumn = {
  label: 'State',
  render: (item: Website | Database | Mailbox | FtpAccount | DnsZone) => (
    <ProvisioningBadge provisioning={item.provisioning} />
  ),
};

const websiteColumns: ResourceColumn<Website>[] = [
  { label: 'Domain', render: (site) => site.domain },
  enabledColumn,
  stateColumn,
];
const databaseColumns: ResourceColumn<Database>[] = [
  { label: 'Name', render: (db) => db.name },
  { label: 'User', render: (db) => db.user },
  enabledColumn,
  stateColumn,
];
const mailboxColumns: ResourceColumn<Mailbox>[] = [
  { label: 'Address', render: (box) => box.address },
  { label: 'Quota', render: (box) => (box.quotaMb === null ? 'Unlimited' : `${box.quotaMb} MB`) },
  stateColumn,
];
const ftpColumns: ResourceColumn<FtpAccount>[] = [
  { label: 'User', render: (ftp) => ftp.user },
  { label: 'Directory', render: (ftp) => ftp.directory },
  stateColumn,
];
const zoneColumns: ResourceColumn<DnsZone>[] = [
  { label: 'Domain', render: (zone) => zone.domain },
  { label: 'Records', render: (zone) => zone.records.length },
  stateColumn,
];

/** One fetch per kind of resource: the customer's first 100, which is what a dashboard shows. */
function fetchers(id: string) {
  const init = { params: { path: { id }, query: { page: 1, perPage: 100 } } };
  return {
    websites: () => unwrap(api.GET('/api/v1/customers/{id}/websites', init)),
    databases: () => unwrap(api.GET('/api/v1/customers/{id}/databases', init)),
    mailboxes: () => unwrap(api.GET('/api/v1/customers/{id}/mailboxes', init)),
    ftpAccounts: () => unwrap(api.GET('/api/v1/customers/{id}/ftp-accounts', init)),
    dnsZones: () => unwrap(api.GET('/api/v1/customers/{id}/dns-zones', init)),
  };
}

type ListProps<T> = {
  title: string;
  kind: string;
  customerId: string;
  fetch: () => Promise<{ items: T[] }>;
  columns: ResourceColumn<T>[];
};

function ResourceList<T extends { id: string }>({ title, kind, customerId, fetch, columns }: ListProps<T>) {
  const query = useQuery({ queryKey: ['customers', customerId, kind], queryFn: fetch, retry: false });
  return (
    <ResourceSection
      title={title}
      items={query.data?.items}
      loading={query.isPending}
      error={query.error}
      columns={columns}
      keyOf={(item) => item.id}
    />
  );
}

/** The customer's websites, databases, mailboxes, FTP accounts and DNS zones. */
export function CustomerResources({ customerId }: { customerId: string }) {
  const fetch = fetchers(customerId);
  const common = { customerId };
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <ResourceList
        {...common}
        title="Websites"
        kind="websites"
        fetch={fetch.websites}
        columns={websiteColumns}
      />
      <ResourceList
        {...common}
        title="Databases"
        kind="databases"
        fetch={fetch.databases}
        columns={databaseColumns}
      />
      <ResourceList
        {...common}
        title="Mailboxes"
        kind="mailboxes"
        fetch={fetch.mailboxes}
        columns={mailboxColumns}
      />
      <ResourceList
        {...common}
        title="FTP accounts"
        kind="ftp-accounts"
        fetch={fetch.ftpAccounts}
        columns={ftpColumns}
      />
      <ResourceList
        {...common}
        title="DNS zones"
        kind="dns-zones"
        fetch={fetch.dnsZones}
        columns={zoneColumns}
      />
    </SimpleGrid>
  );
}
