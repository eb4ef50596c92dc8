import type { ResourceKind } from '../hosting/resource-kind.js';
import type { MailboxDesired } from '../provisioning/drivers/mail/mail-desired.js';
import { type MailboxDriver, mailboxService } from '../provisioning/drivers/mail/mail-service.js';
import type { ReconciledKind } from '../provisioning/reconciled-kind.js';
import { desiredMailboxes, expectedMailboxes } from './mail-inventory.js';
import { measureMailboxUsage, recordMailboxUsage } from './mailbox-usage.js';
import { Mailbox } from './mailboxes.schemas.js';
import { mailboxes } from './mailboxes.table.js';
import { presentMailbox } from './present-mailbox.js';

/**
 * A mailbox on Keel's Postfix and Dovecot. It is `held` while its customer is suspended: its
 * mail is still accepted and stored, but nobody can log in (DESIGN.md's status table).
 */
export const mailboxKind = {
  noun: 'mailbox',
  title: 'Mailbox',
  plural: 'mailboxes',
  path: 'mailboxes',
  idParam: 'mailboxId',
  table: mailboxes,
  counter: 'mailboxCount',
  limit: 'mailboxes',
  statusStates: { active: 'live', suspended: 'held', deleted: 'suspended' },
  sortColumns: { address: mailboxes.address, createdAt: mailboxes.createdAt },
  defaultSort: 'address',
  searchColumn: mailboxes.address,
  actions: ['password_changed', 'repaired'],
  label: (mailbox) => mailbox.address,
  describe: (mailbox) => ({ address: mailbox.address, quotaMb: mailbox.quotaMb }),
  schema: Mailbox,
  present: presentMailbox,
  desired: desiredMailboxes,
  service: mailboxService,
  expected: expectedMailboxes,
  observe: { measure: measureMailboxUsage, record: recordMailboxUsage },
} as const satisfies ResourceKind<typeof mailboxes> & ReconciledKind<MailboxDesired, MailboxDriver>;
