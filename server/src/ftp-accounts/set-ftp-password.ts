import { hashPassword } from '../auth/password-hash.js';
import type { Context } from '../context.js';
import { setHostedPassword } from '../hosting/hosted-password.js';
import { ftpAccountKind } from './ftp-account-kind.js';

/** Sets or generates the FTP account's password; only the argon2id hash pure-ftpd checks is stored. */
export function setFtpPassword(
  ctx: Context,
  ids: { id: string; ftpAccountId: string },
  input: { password?: string },
): Promise<{ password: string | null }> {
  return setHostedPassword(
    ctx,
    ftpAccountKind,
    { customerId: ids.id, resourceId: ids.ftpAccountId },
    input,
    hashPassword,
  );
}
