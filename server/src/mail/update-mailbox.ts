import type { Context } from '../context.js';
import { updateHosted } from '../hosting/hosted-resources.js';
import type { HostedIds } from '../hosting/resource-kind.js';
import { mailboxKind } from './mailbox-kind.js';
import type { UpdateMailboxBody } from './mailboxes.schemas.js';

/** Switches a mailbox on or off and/or changes its quota, in one audited change. */
export function updateMailbox(ctx: Context, ids: HostedIds, input: UpdateMailboxBody) {
  return updateHosted(ctx, mailboxKind, ids, (mailbox) => {
    const set: Record<string, unknown> = {};
    const details: Record<string, unknown> = {};
    if (input.enabled !== undefined && input.enabled !== mailbox.enabled) {
      set.enabled = input.enabled;
      details.enabled = { from: mailbox.enabled, to: input.enabled };
    }
    if (input.quotaMb !== undefined && input.quotaMb !== mailbox.quotaMb) {
      set.quotaMb = input.quotaMb;
      details.quotaMb = { from: mailbox.quotaMb, to: input.quotaMb };
    }
    return Object.keys(set).length === 0 ? null : { set, details };
  });
}
