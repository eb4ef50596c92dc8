import { SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Database, DnsZone, FtpAccount, Mailbox, Website } from '../../api/types.js';
import { AddDnsZoneButton, DnsZoneActions } from '../dns-zones/DnsZoneActions.js';
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
const zoneColumns = (customerId: string): ResourceColumn<DnsZone>[] => [
  { label: 'Domain', render: (zone) => zone.domain },
  { label: 'Records', render: (zone) => zone.records.length },
  stateColumn,
  { label: 'Actions', render: (zone) => <DnsZoneActions zone={zone} customerId={customerId} /> },
];

type ResourceQuery<T> = { queryKey: string[]; queryFn: () => Promise<{ items: T[] }> };

/** One query per kind of resource: the customer's first 100, which is what a dashboard shows. */
function resourceQueries(id: string) {
  const init = { params: { path: { id }, query: { page: 1, perPage: 100 } } };
  const resources = <T,>(kind: string, queryFn: () => Promise<{ items: T[] }>): ResourceQuery<T> => ({
    queryKey: ['customers', id, kind],
    queryFn,
  });
  return {
    websites: resources('websites', () => unwrap(api.GET('/api/v1/customers/{id}/websites', init))),
    databases: resources('databases', () => unwrap(api.GET('/api/v1/customers/{id}/databases', init))),
    mailboxes: resources('mailboxes', () => unwrap(api.GET('/api/v1/customers/{id}/mailboxes', init))),
    ftpAccounts: resources('ftp-accounts', () =>
      unwrap(api.GET('/api/v1/customers/{id}/ftp-accounts', init)),
    ),
    dnsZones: resources('dns-zones', () => unwrap(api.GET('/api/v1/customers/{id}/dns-zones', init))),
  };
}

type ListProps<T> = {
  title: string;
  query: ResourceQuery<T>;
  columns: ResourceColumn<T>[];
  action?: ReactNode;
};

function ResourceList<T extends { id: string }>({ title, query, columns, action }: ListProps<T>) {
  const list = useQuery({ ...query, retry: false });
  return (
    <ResourceSection
      title={title}
      items={list.data?.items}
      loading={list.isPending}
      error={list.error}
      columns={columns}
      keyOf={(item) => item.id}
      action={action}
    />
  );
}

/** The customer's websites, databases, mailboxes, FTP accounts and DNS zones. */
export function CustomerResources({ customerId }: { customerId: string }) {
  const queries = resourceQueries(customerId);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <ResourceList title="Websites" query={queries.websites} columns={websiteColumns} />
      <ResourceList title="Databases" query={queries.databases} columns={databaseColumns} />
      <ResourceList title="Mailboxes" query={queries.mailboxes} columns={mailboxColumns} />
      <ResourceList title="FTP accounts" query={queries.ftpAccounts} columns={ftpColumns} />
      <ResourceList
        title="DNS zones"
        query={queries.dnsZones}
        columns={zoneColumns(customerId)}
        action={<AddDnsZoneButton customerId={customerId} />}
      />
    </SimpleGrid>
  );
}
