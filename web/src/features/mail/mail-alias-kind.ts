import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { MailAlias } from '../../api/types.js';
import { firstPage } from '../hosting/first-page.js';
import type { HostingKind } from '../hosting/hosting-kind.js';
import { NewMailAliasDialog } from './NewMailAliasDialog.js';

const one = (customerId: string, alias: MailAlias) => ({
  params: { path: { id: customerId, aliasId: alias.id } },
});

export const mailAliasKind: HostingKind<MailAlias> = {
  title: 'Mail aliases',
  noun: 'mail alias',
  plural: 'mail aliases',
  counter: 'mailAliasCount',
  limit: null,
  list: (id) => unwrap(api.GET('/api/v1/customers/{id}/mail-aliases', firstPage(id))),
  nameOf: (alias) => alias.address,
  columns: [
    { label: 'Address', render: (alias) => alias.address },
    { label: 'Forwards to', render: (alias) => alias.destinations.join(', ') },
  ],
  add: { label: 'Add mail alias', Dialog: NewMailAliasDialog },
  setEnabled: (customerId, alias, enabled) =>
    unwrap(
      api.PATCH('/api/v1/customers/{id}/mail-aliases/{aliasId}', {
        ...one(customerId, alias),
        body: { enabled },
      }),
    ),
  remove: (customerId, alias) =>
    unwrap(api.DELETE('/api/v1/customers/{id}/mail-aliases/{aliasId}', one(customerId, alias))),
  removal: (alias) => `Mail for ${alias.address} is refused from then on; nothing is forwarded any more.`,
  underStatus: {
    suspended: 'mail to them is still received and forwarded',
    deleted: 'mail to them is refused for now (senders retry)',
  },
  purged: 'their forwarding',
};
