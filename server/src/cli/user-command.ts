import { parseArgs } from 'node:util';
import { resetTwoFactor } from '../two-factor/reset-two-factor.js';
import type { Command } from './commands.js';
import { withSystemContext } from './system-context.js';

export const userCommand: Command = {
  name: 'user',
  summary: 'Manage sign-ins: user reset-two-factor --email E',
  usage: `keel user reset-two-factor --email EMAIL

Turns off the two-factor sign-in of the user with this email (admin, reseller or customer), for
one who lost both its authenticator app and its recovery codes. Its sessions end; it signs in with
its password alone until it sets two-factor sign-in up again. Audited.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { email: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals[0] !== 'reset-two-factor' || positionals.length !== 1 || !values.email) {
      console.error(this.usage);
      return 2;
    }
    const email = values.email;
    const { wasOn } = await withSystemContext((ctx) => resetTwoFactor(ctx, email));
    console.log(
      wasOn
        ? `Two-factor sign-in of ${email} is off; its sessions ended.`
        : `Two-factor sign-in of ${email} was not on; its sessions ended.`,
    );
    return 0;
  },
};
