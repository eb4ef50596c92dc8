import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Mailbox } from '../../api/types.js';
import { firstPage } from '../hosting/first-page.js';
import type { HostingKind } from '../hosting/hosting-kind.js';
import { MailboxActions } from './MailboxActions.js';
import { NewMailboxDialog } from './NewMailboxDialog.js';

const one = (customerId: string, mailbox: Mailbox) => ({
  params: { path: { id: customerId, mailboxId: mailbox.id } },
});

export const mailboxKind: HostingKind<Mailbox> = {
  title: 'Mailboxes',
  noun: 'mailbox',
  plural: 'mailboxes',
  counter: 'mailboxCount',
  limit: 'mailboxes',
  list: (id) => unwrap(api.GET('/api/v1/customers/{id}/mailboxes', firstPage(id))),
  nameOf: (mailbox) => mailbox.address,
  columns: [
    { label: 'Address', render: (mailbox) => mailbox.address },
    { label: 'Used', render: (mailbox) => `${mailbox.usedMb} of ${mailbox.quotaMb} MB` },
  ],
  add: { label: 'Add mailbox', Dialog: NewMailboxDialog },
  setEnabled: (customerId, mailbox, enabled) =>
    unwrap(
      api.PATCH('/api/v1/customers/{id}/mailboxes/{mailboxId}', {
        ...one(customerId, mailbox),
        body: { enabled },
      }),
    ),
  remove: (customerId, mailbox) =>
    unwrap(api.DELETE('/api/v1/customers/{id}/mailboxes/{mailboxId}', one(customerId, mailbox))),
  removal: (mailbox) =>
    `Mail for ${mailbox.address} is refused from then on, and every message stored in the mailbox is deleted from disk. This cannot be undone.`,
  underStatus: {
    suspended: 'mail to them is still received and stored; nobody can sign in to read or send',
    deleted: 'mail to them is refused for now (senders retry); nobody can sign in',
  },
  purged: 'their stored mail',
  RowActions: MailboxActions,
};
