import type { Context } from '../context.js';
import { visibleHosted } from './hosted-resources.js';
import type { AnyResourceKind, HostedIds } from './resource-kind.js';

/** One resource of a customer the actor may see, with its customer; 404 otherwise. */
export function readResource<Kind extends AnyResourceKind>(ctx: Context, kind: Kind, ids: HostedIds) {
  return visibleHosted(kind, ctx.db, ctx.actor, ids);
}
