import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { DnsZone } from '../../api/types.js';
import { dashboardPage, stateColumn } from '../hosting/columns.js';
import type { HostingKind } from '../hosting/hosting-kind.js';
import { AddDnsZoneButton, DnsZoneActions } from './DnsZoneActions.js';

export const dnsZoneKind: HostingKind<DnsZone> = {
  title: 'DNS zones',
  noun: 'DNS zone',
  plural: 'DNS zones',
  counter: 'dnsZoneCount',
  list: (id) => unwrap(api.GET('/api/v1/customers/{id}/dns-zones', dashboardPage(id))),
  columns: (customerId) => [
    { label: 'Domain', render: (zone) => zone.domain },
    { label: 'Records', render: (zone) => zone.records.length },
    stateColumn,
    { label: 'Actions', render: (zone) => <DnsZoneActions zone={zone} customerId={customerId} /> },
  ],
  action: (customerId) => <AddDnsZoneButton customerId={customerId} />,
};
