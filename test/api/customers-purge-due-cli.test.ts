import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { noOrigin, systemActor } from '../../server/src/access/actor.js';
import { main } from '../../server/src/cli/main.js';
import { type Context, createSignals } from '../../server/src/context.js';
import { createCustomer } from '../../server/src/customers/create-customer.js';
import { deleteCustomer } from '../../server/src/customers/delete-customer.js';
import { pgliteExtensions, wrapPglite } from '../../server/src/db/client.js';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { customers } from '../../server/src/db/schema/customers.js';

/** Runs `keel purge-due` on a data directory and returns its exit code and output. */
async function purgeDue(env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  delete process.env.DATABASE_URL;
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((line: unknown) => void printed.push(String(line)));
  try {
    return { code: await main(['purge-due']), output: printed.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.env = saved;
  }
}

describe('keel purge-due', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'keel-purge-due-'));
  afterAll(() => rm(folder, { recursive: true, force: true }));
  const env = { KEEL_DATA_DIR: folder, KEEL_HOMES_DIR: join(folder, 'homes') };

  // The embedded database the command opens, arranged from the migrated template.
  const dump = await readFile(inject('pgliteTemplate'));
  const handle = wrapPglite(
    await PGlite.create({
      dataDir: join(folder, 'pglite'),
      loadDataDir: new Blob([dump]),
      extensions: pgliteExtensions,
    }),
  );
  const ctx: Context = {
    db: handle.db,
    actor: systemActor,
    origin: noOrigin,
    signals: createSignals(),
    now: () => new Date(),
  };
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
    const first = await purgeDue(env);
    expect(first.code).toBe(0);
    expect(first.output).toContain(`Purged customer ${due.customer.id} due@example.test (Due Now)`);
    expect(first.output).toContain('1 purged, 0 waiting, 0 failed, 0 stopped.');
    expect(first.output).not.toContain('kept@example.test');

    const second = await purgeDue(env);
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
    const usage = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await main(['purge-due', '--help'])).toBe(0);
    expect(String(usage.mock.calls[0]?.[0])).toMatch(/^keel purge-due/);
    usage.mockRestore();
    const silent = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['purge-due', '--force'])).toBe(1);
    silent.mockRestore();
  });
});
