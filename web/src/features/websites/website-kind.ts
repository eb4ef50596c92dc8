import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Website } from '../../api/types.js';
import { dashboardPage, enabledColumn, stateColumn } from '../hosting/columns.js';
import type { HostingKind } from '../hosting/hosting-kind.js';

export const websiteKind: HostingKind<Website> = {
  title: 'Websites',
  noun: 'website',
  plural: 'websites',
  counter: 'siteCount',
  list: (id) => unwrap(api.GET('/api/v1/customers/{id}/websites', dashboardPage(id))),
  columns: () => [{ label: 'Domain', render: (site) => site.domain }, enabledColumn, stateColumn],
};
