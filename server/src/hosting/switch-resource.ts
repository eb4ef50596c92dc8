import type { Context } from '../context.js';
import { updateHosted } from './hosted-resources.js';
import type { AnyResourceKind, HostedIds } from './resource-kind.js';

/** Turns a resource on or off: the customer's own switch, kept apart from suspension. */
export function switchResource<Kind extends AnyResourceKind>(
  ctx: Context,
  kind: Kind,
  ids: HostedIds,
  input: { enabled: boolean },
) {
  return updateHosted(ctx, kind, ids, (resource) =>
    resource.enabled === input.enabled
      ? null
      : {
          set: { enabled: input.enabled },
          details: { enabled: { from: resource.enabled, to: input.enabled } },
        },
  );
}
