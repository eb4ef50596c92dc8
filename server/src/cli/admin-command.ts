import { parseArgs } from 'node:util';
import { createAdmin } from '../admins/create-admin.js';
import type { Command } from './commands.js';
import { withSystemContext } from './system-context.js';

export const adminCommand: Command = {
  name: 'admin',
  summary: 'Manage administrators: admin create --email E [--name N]',
  usage: `keel admin create --email EMAIL [--name NAME]

Creates an administrator with a generated password, printed this once.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals[0] !== 'create' || positionals.length !== 1 || !values.email) {
      console.error(this.usage);
      return 2;
    }
    const email = values.email;
    const created = await withSystemContext((ctx) => createAdmin(ctx, { email, name: values.name ?? null }));
    console.log(`Admin created: ${created.admin.email}`);
    console.log(`Password (shown only this once): ${created.password}`);
    return 0;
  },
};
