import type { ResourceKind } from '../hosting/resource-kind.js';
import type { MailAliasDesired } from '../provisioning/drivers/mail/mail-desired.js';
import { type MailAliasDriver, mailAliasService } from '../provisioning/drivers/mail/mail-service.js';
import type { ReconciledKind } from '../provisioning/reconciled-kind.js';
import { MailAlias } from './mail-aliases.schemas.js';
import { mailAliases } from './mail-aliases.table.js';
import { desiredMailAliases, expectedMailAliases } from './mail-inventory.js';
import { presentMailAlias } from './present-mail-alias.js';

/** A forwarding address on Keel's Postfix; free of any package limit. Forwards while suspended. */
export const mailAliasKind = {
  noun: 'mail_alias',
  title: 'Mail alias',
  plural: 'mail aliases',
  path: 'mail-aliases',
  idParam: 'aliasId',
  table: mailAliases,
  counter: 'mailAliasCount',
  limit: null,
  statusStates: { active: 'live', suspended: 'held', deleted: 'suspended' },
  sortColumns: { address: mailAliases.address, createdAt: mailAliases.createdAt },
  defaultSort: 'address',
  searchColumn: mailAliases.address,
  actions: ['repaired'],
  label: (alias) => alias.address,
  describe: (alias) => ({ address: alias.address, destinations: alias.destinations }),
  schema: MailAlias,
  present: presentMailAlias,
  desired: desiredMailAliases,
  service: mailAliasService,
  expected: expectedMailAliases,
} as const satisfies ResourceKind<typeof mailAliases> & ReconciledKind<MailAliasDesired, MailAliasDriver>;
