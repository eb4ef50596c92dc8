import type { CustomerRow } from '../access/visible-customer.js';
import type { ResourceAuditAction } from '../audit/events.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import type { AnyResourceKind, RowOf } from './resource-kind.js';

type Verb<Kind extends AnyResourceKind> = 'created' | 'updated' | 'deleted' | Kind['actions'][number];

/** `website.created`, `database.password_changed`: only the verbs the kind declares. */
export const resourceAction = <Kind extends AnyResourceKind>(kind: Kind, verb: Verb<Kind>) =>
  `${kind.noun}.${verb}` as ResourceAuditAction;

/** The audit event of a change to a resource, in the change's transaction, for the customer's log. */
export function recordResourceEvent<Kind extends AnyResourceKind>(
  tx: Queryable,
  ctx: Context,
  kind: Kind,
  change: { verb: Verb<Kind>; customer: CustomerRow; resource: RowOf<Kind['table']> },
  details: Record<string, unknown> = {},
) {
  const { customer, resource } = change;
  return record(tx, ctx, {
    action: resourceAction(kind, change.verb),
    customerId: customer.id,
    resellerId: customer.resellerId,
    target: { type: kind.noun, id: resource.id },
    details: { ...kind.describe(resource), ...details },
  });
}
