import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSignals, systemContext } from '../../server/src/context.js';
import { createCustomer } from '../../server/src/customers/create-customer.js';
import { deleteCustomer } from '../../server/src/customers/delete-customer.js';
import { pgliteExtensions, wrapPglite } from '../../server/src/db/client.js';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { loadPanelKey } from '../../server/src/secrets/panel-key.js';
import { commandDataDir, runKeelCommand } from '../helpers/keel-command.js';

describe('keel purge-due', async () => {
  // The data directory and embedded database the command opens, arranged from the migrated template.
  const { folder, handle, env } = await commandDataDir('purge-due');
  const ctx = systemContext({
    db: handle.db,
    signals: createSignals(),
    panelKey: await loadPanelKey(folder, null),
  });
  const due = await createCustomer(ctx, { firstName: 'Due', lastName: 'Now', email: 'due@example.test' });
  const kept = await createCustomer(ctx, {
    firstName: 'Kept',
    lastName: 'Still',
    email: 'kept@example.test',
  });
  for (const { customer } of [due, kept]) await deleteCustomer(ctx, customer.id);
  await handle.db
    .update(customers)
    .set({ purgeAfter: new Date(Date.now() - 60_000) })
    .where(eq(customers.id, due.customer.id));
  await handle.close();

  it('purges the customers that are due, prints them, and leaves the others', async () => {
    const first = await runKeelCommand(['purge-due'], env);
    expect(first.code).toBe(0);
    expect(first.output).toContain(`Purged customer ${due.customer.id} due@example.test (Due Now)`);
    expect(first.output).toContain('1 purged, 0 waiting, 0 failed, 0 stopped.');
    expect(first.output).not.toContain('kept@example.test');

    const second = await runKeelCommand(['purge-due'], env);
    expect(second).toEqual({ code: 0, output: 'No customer is due for purging.' });

    const reopened = wrapPglite(
      await PGlite.create({ dataDir: join(folder, 'pglite'), extensions: pgliteExtensions }),
    );
    const left = await reopened.db.select({ email: customers.email }).from(customers);
    expect(left).toEqual([{ email: 'kept@example.test' }]);
    const [purged] = await reopened.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'customer.purged'));
    expect(purged).toMatchObject({ customerId: due.customer.id, actorRole: 'system', userAgent: 'keel cli' });
    await reopened.close();
  });

  it('explains itself with --help and refuses unknown options', async () => {
    const help = await runKeelCommand(['purge-due', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.output).toMatch(/^keel purge-due/);
    expect((await runKeelCommand(['purge-due', '--force'], env)).code).toBe(1);
  });
});
