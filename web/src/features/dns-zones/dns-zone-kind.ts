import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { DnsZone } from '../../api/types.js';
import { firstPage } from '../hosting/first-page.js';
import type { HostingKind } from '../hosting/hosting-kind.js';
import { DnsZoneActions } from './DnsZoneActions.js';
import { NewDnsZoneDialog } from './NewDnsZoneDialog.js';

const one = (customerId: string, zone: DnsZone) => ({
  params: { path: { id: customerId, zoneId: zone.id } },
});

export const dnsZoneKind: HostingKind<DnsZone> = {
  title: 'DNS zones',
  noun: 'DNS zone',
  plural: 'DNS zones',
  counter: 'dnsZoneCount',
  limit: 'dnsZones',
  list: (id) => unwrap(api.GET('/api/v1/customers/{id}/dns-zones', firstPage(id))),
  nameOf: (zone) => zone.domain,
  columns: [
    { label: 'Domain', render: (zone) => zone.domain },
    { label: 'Records', render: (zone) => zone.records.length },
  ],
  add: { label: 'Add DNS zone', Dialog: NewDnsZoneDialog },
  setEnabled: (customerId, zone, enabled) =>
    unwrap(
      api.PATCH('/api/v1/customers/{id}/dns-zones/{zoneId}', { ...one(customerId, zone), body: { enabled } }),
    ),
  remove: (customerId, zone) =>
    unwrap(api.DELETE('/api/v1/customers/{id}/dns-zones/{zoneId}', one(customerId, zone))),
  removal: (zone) =>
    `Keel's name servers stop answering for ${zone.domain}, and its records are gone for good.`,
  underStatus: {
    suspended: 'keep being served by Keel’s name servers',
    deleted: 'are withdrawn from Keel’s name servers; their records are kept until the permanent deletion',
  },
  purged: 'their records',
  RowActions: DnsZoneActions,
};
