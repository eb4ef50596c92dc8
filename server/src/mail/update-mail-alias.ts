import type { Context } from '../context.js';
import { updateHosted } from '../hosting/hosted-resources.js';
import type { HostedIds } from '../hosting/resource-kind.js';
import { checkedDestinations } from './alias-destinations.js';
import { mailAliasKind } from './mail-alias-kind.js';
import type { UpdateMailAliasBody } from './mail-aliases.schemas.js';

/** Switches an alias on or off and/or replaces where it forwards, in one audited change. */
export function updateMailAlias(ctx: Context, ids: HostedIds, input: UpdateMailAliasBody) {
  return updateHosted(ctx, mailAliasKind, ids, (alias) => {
    const set: Record<string, unknown> = {};
    const details: Record<string, unknown> = {};
    if (input.enabled !== undefined && input.enabled !== alias.enabled) {
      set.enabled = input.enabled;
      details.enabled = { from: alias.enabled, to: input.enabled };
    }
    if (input.destinations !== undefined) {
      const destinations = checkedDestinations(alias.address, input.destinations);
      if (destinations.join(',') !== alias.destinations.join(',')) {
        set.destinations = destinations;
        details.destinations = { from: alias.destinations, to: destinations };
      }
    }
    return Object.keys(set).length === 0 ? null : { set, details };
  });
}
