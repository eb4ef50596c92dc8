import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queueDueBackups } from '../../server/src/backups/backup-schedule.js';
import { backups } from '../../server/src/backups/backups.table.js';
import { servers } from '../../server/src/db/schema/servers.js';
import { moveCustomer } from '../../server/src/moves/move-customer.js';
import { customerMoves } from '../../server/src/moves/moves.table.js';
import { resourceKinds } from '../../server/src/resource-kinds.js';
import { createServer } from '../../server/src/servers/create-server.js';
import { testApp } from '../helpers/app.js';
import { insertFinishedBackup } from '../helpers/backups.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { expectResourceChangesRefused, sampleResources } from '../helpers/sample-resources.js';

/**
 * Beside its lifecycle (customer-move.test.ts), a running move refuses what would change the
 * customer under it: a new package, a backup taken or deleted, and any change to its hosted
 * resources — 409 `customer-moving`, nothing changed, and the customer's permissions say so.
 * Nothing here drives the move, so it stays running until a test ends it.
 */
describe('what a running move refuses besides the lifecycle', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  // Room for one customer, so placement keeps the customers below on the local server.
  const { server: target } = await createServer(keel.system, {
    name: 'move-changes-target',
    roles: ['web', 'database', 'mail', 'dns', 'ftp'],
    capacity: 1,
  });
  const moving = {
    allowed: false,
    reason: 'Customer is being moved to another server; wait until the move is done',
  };

  async function startMove(customerId: string) {
    await keel.handle.db
      .update(servers)
      .set({ lastSeenAt: keel.clock.now() })
      .where(eq(servers.id, target.id));
    await moveCustomer(keel.system, customerId, { serverId: target.id });
  }
  const endMove = (customerId: string) =>
    keel.handle.db
      .update(customerMoves)
      .set({ state: 'done' })
      .where(eq(customerMoves.customerId, customerId));

  const refusedAsMoving = (response: { statusCode: number; body: string; json(): { type: string } }) => {
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().type).toBe('/api/problems/customer-moving');
  };

  it('refuses a new package, single and bulk, while other edits go on; allowed again once the move is over', async () => {
    const customer = await makeCustomerOf(keel, null);
    const spare = await makePackage(keel, { name: 'Move changes spare' });
    await startMove(customer.id);
    const path = `/customers/${customer.id}`;
    const shown = (await admin.get(path)).json();
    expect(shown.permissions).toMatchObject({ changePackage: moving, edit: { allowed: true } });

    refusedAsMoving(await admin.patch(path, { packageId: spare.id }));
    const bulk = await admin.post('/customers/bulk', {
      action: 'change-package',
      ids: [customer.id],
      packageId: spare.id,
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(bulk.json().results[0]).toMatchObject({
      status: 409,
      problem: { type: '/api/problems/customer-moving' },
    });
    expect((await admin.get(path)).json()).toMatchObject({ version: shown.version, package: shown.package });

    const renamed = await admin.patch(path, { company: 'Moving Ltd' });
    expect(renamed.statusCode, renamed.body).toBe(200);

    await endMove(customer.id);
    expect((await admin.get(path)).json().permissions.changePackage).toEqual({ allowed: true, reason: null });
    const changed = await admin.patch(path, { packageId: spare.id });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().package.id).toBe(spare.id);
  });

  it('refuses a manual backup and deleting a backup; both work again once the move is over', async () => {
    const customer = await makeCustomerOf(keel, null);
    const backupId = await insertFinishedBackup(keel, customer.id);
    await startMove(customer.id);
    const collection = `/customers/${customer.id}/backups`;
    const rows = () => keel.handle.db.select().from(backups).where(eq(backups.customerId, customer.id));
    const before = await rows();

    refusedAsMoving(await admin.post(collection, {}));
    refusedAsMoving(await admin.delete(`${collection}/${backupId}`));
    expect(await rows()).toEqual(before);

    await endMove(customer.id);
    expect((await admin.delete(`${collection}/${backupId}`)).statusCode).toBe(204);
    expect((await admin.post(collection, {})).statusCode).toBe(202);
  });

  describe.each(resourceKinds.map(({ kind }) => [kind.plural, kind] as const))('%s', (_plural, kind) => {
    it('refuses to add, switch or delete one (409) and changes nothing; allowed again once the move is over', async () => {
      const customer = await makeCustomerOf(keel, null);
      const resourceId = await sampleResources[kind.noun].make(keel, customer.id);
      await startMove(customer.id);
      expect((await admin.get(`/customers/${customer.id}`)).json().permissions.changeResources).toEqual(
        moving,
      );
      await expectResourceChangesRefused(
        admin,
        customer.id,
        kind,
        resourceId,
        '/api/problems/customer-moving',
      );

      await endMove(customer.id);
      const switched = await admin.patch(`/customers/${customer.id}/${kind.path}/${resourceId}`, {
        enabled: false,
      });
      expect(switched.statusCode, switched.body).toBe(200);
      expect(switched.json().enabled).toBe(false);
    });
  });

  // Last: the sweep queues a backup of every other customer of this file too.
  it("the backup schedule's sweep skips a customer being moved, and takes it once the move is over", async () => {
    const customer = await makeCustomerOf(keel, null);
    await startMove(customer.id);
    const saved = await admin.put('/settings/backups', { schedule: 'daily', keepDaily: 3, keepWeekly: 2 });
    expect(saved.statusCode, saved.body).toBe(200);
    const scheduled = () => keel.handle.db.select().from(backups).where(eq(backups.customerId, customer.id));

    expect(await queueDueBackups(keel.system)).toBeGreaterThan(0);
    expect(await scheduled()).toHaveLength(0);

    await endMove(customer.id);
    await queueDueBackups(keel.system);
    expect(await scheduled()).toMatchObject([{ trigger: 'scheduled' }]);
  });
});
