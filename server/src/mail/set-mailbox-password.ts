import { hashPassword } from '../auth/password-hash.js';
import type { Context } from '../context.js';
import { setHostedPassword } from '../hosting/hosted-password.js';
import { mailboxKind } from './mailbox-kind.js';

/** Sets (checked against the policy) or generates a mailbox's password; only its hash is kept. */
export function setMailboxPassword(
  ctx: Context,
  ids: { id: string; mailboxId: string },
  input: { password?: string },
): Promise<{ password: string | null }> {
  return setHostedPassword(
    ctx,
    mailboxKind,
    { customerId: ids.id, resourceId: ids.mailboxId },
    input,
    hashPassword,
  );
}
