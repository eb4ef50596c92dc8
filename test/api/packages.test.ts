import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { packages } from '../../server/src/db/schema/packages.js';
import { assertPackageVisibleToReseller } from '../../server/src/packages/package-visibility.js';
import { testApp } from '../helpers/app.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

const unlimited = {
  sites: null,
  databases: null,
  mailboxes: null,
  ftpAccounts: null,
  dnsZones: null,
  diskMb: null,
};

describe('packages', async () => {
  const keel = await testApp();
  const { db } = keel.handle;
  const admin = await keel.admin();
  const resellerA = await makeReseller(keel, { name: 'Reseller A' });
  const resellerB = await makeReseller(keel, { name: 'Reseller B' });
  const clientA = await resellerA.login();
  const clientB = await resellerB.login();

  const packageCount = async () => (await db.select({ id: packages.id }).from(packages)).length;
  const lastEvent = async (action: string) => {
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, action))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    return event;
  };

  describe('create', () => {
    it("creates an admins' package with the limits given and the rest unlimited", async () => {
      const response = await admin.post('/packages', {
        name: '  Starter ',
        limits: { sites: 1, databases: 0, diskMb: 1024 },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({
        id: expect.any(String),
        name: 'Starter',
        owner: null,
        limits: { ...unlimited, sites: 1, databases: 0, diskMb: 1024 },
        createdAt: expect.any(String),
      });
      const event = await lastEvent('package.created');
      expect(event).toMatchObject({ targetId: response.json().id, actorRole: 'admin', resellerId: null });
      expect(event?.details).toMatchObject({ name: 'Starter', owner: null });
    });

    it('takes no limits at all as all unlimited, and explicit nulls alike', async () => {
      const none = await admin.post('/packages', { name: 'Everything' });
      expect(none.json().limits).toEqual(unlimited);
      const nulls = await admin.post('/packages', { name: 'Everything Too', limits: unlimited });
      expect(nulls.json().limits).toEqual(unlimited);
    });

    it("makes a reseller's package its own", async () => {
      const response = await clientA.post('/packages', { name: 'A Gold', limits: { sites: 10 } });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        name: 'A Gold',
        owner: { id: resellerA.id, name: 'Reseller A' },
      });
      const event = await lastEvent('package.created');
      expect(event).toMatchObject({ actorRole: 'reseller', resellerId: resellerA.id });
    });

    it('lets an admin create a package for a reseller', async () => {
      const response = await admin.post('/packages', { name: 'For B', resellerId: resellerB.id });
      expect(response.statusCode).toBe(201);
      expect(response.json().owner).toEqual({ id: resellerB.id, name: 'Reseller B' });
      expect((await clientB.get(`/packages/${response.json().id}`)).statusCode).toBe(200);
      expect((await clientA.get(`/packages/${response.json().id}`)).statusCode).toBe(404);
    });

    it('refuses a reseller choosing an owner (403) and an admin naming no reseller (422)', async () => {
      const before = await packageCount();
      expect((await clientA.post('/packages', { name: 'Sneaky', resellerId: resellerB.id })).statusCode).toBe(
        403,
      );
      expect((await clientA.post('/packages', { name: 'Sneaky', resellerId: null })).statusCode).toBe(403);
      const ghost = await admin.post('/packages', {
        name: 'Ghost Owner',
        resellerId: '00000000-0000-4000-8000-000000000000',
      });
      expect(ghost.statusCode).toBe(422);
      expect(ghost.json().errors).toEqual([{ field: 'resellerId', message: 'is not a reseller' }]);
      expect(await packageCount()).toBe(before);
    });

    it('keeps names unique per owner regardless of case (409), but not across owners', async () => {
      await admin.post('/packages', { name: 'Shared Name' });
      const before = await packageCount();
      const again = await admin.post('/packages', { name: 'shared NAME' });
      expect(again.statusCode).toBe(409);
      expect(again.json().type).toBe('/api/problems/package-name-taken');
      expect(await packageCount()).toBe(before);
      expect((await clientA.post('/packages', { name: 'Shared Name' })).statusCode).toBe(201);
      expect((await clientB.post('/packages', { name: 'Shared Name' })).statusCode).toBe(201);
      expect((await clientA.post('/packages', { name: 'SHARED name' })).statusCode).toBe(409);
    });

    it('lets only one of two simultaneous creates with the same name win', async () => {
      const responses = await Promise.all([
        clientA.post('/packages', { name: 'Racing' }),
        clientA.post('/packages', { name: 'racing' }),
      ]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    });

    it.each([
      ['a missing name', { limits: { sites: 1 } }, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['a name over 100 characters', { name: 'p'.repeat(101) }, 'name'],
      ['a name with a control character', { name: 'Bad\nName' }, 'name'],
      ['a negative limit', { name: 'Neg', limits: { sites: -1 } }, 'limits.sites'],
      ['a fractional limit', { name: 'Frac', limits: { databases: 1.5 } }, 'limits.databases'],
      ['a limit as text', { name: 'Text', limits: { mailboxes: '5' } }, 'limits.mailboxes'],
      ['a limit beyond 32 bits', { name: 'Huge', limits: { diskMb: 2 ** 31 } }, 'limits.diskMb'],
      ['an unknown limit', { name: 'Odd', limits: { cpus: 2 } }, 'limits.cpus'],
      ['limits that are not an object', { name: 'Flat', limits: 5 }, 'limits'],
      ['an unknown field', { name: 'Extra', owner: null }, 'owner'],
      ['a reseller id that is not an id', { name: 'Bad Owner', resellerId: 'me' }, 'resellerId'],
    ])('answers 400 to %s and creates nothing', async (_label, body, field) => {
      const before = await packageCount();
      const response = await admin.post('/packages', body);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await packageCount()).toBe(before);
    });

    it('answers 400 to malformed JSON and creates nothing', async () => {
      const before = await packageCount();
      const response = await admin.post('/packages', '{"name":"Half"', {
        'content-type': 'application/json',
      });
      expect(response.statusCode).toBe(400);
      expect(await packageCount()).toBe(before);
    });

    it('is not for customers (403) nor anonymous callers (401)', async () => {
      const customer = await (await makeCustomerOf(keel, resellerA.id)).login();
      const before = await packageCount();
      expect((await customer.post('/packages', { name: 'Mine' })).statusCode).toBe(403);
      expect((await customer.get('/packages')).statusCode).toBe(403);
      expect((await keel.anonymous().get('/packages')).statusCode).toBe(401);
      expect((await keel.anonymous().post('/packages', { name: 'Anon' })).statusCode).toBe(401);
      expect(await packageCount()).toBe(before);
    });
  });

  describe('visibility', () => {
    const marker = `vis${Date.now().toString(36)}`;
    let adminsId = '';
    let ownAId = '';
    let ownBId = '';

    it('arranges one package per owner', async () => {
      adminsId = (await makePackage(keel, { name: `${marker} admins` })).id;
      ownAId = (await makePackage(keel, { name: `${marker} of A`, resellerId: resellerA.id })).id;
      ownBId = (await makePackage(keel, { name: `${marker} of B`, resellerId: resellerB.id })).id;
    });

    const listed = async (client: typeof admin) =>
      (await client.get(`/packages?q=${marker}&sort=name`))
        .json()
        .items.map((item: { id: string }) => item.id);

    it("shows admins all; a reseller the admins' and its own", async () => {
      expect(await listed(admin)).toEqual([adminsId, ownAId, ownBId]);
      expect(await listed(clientA)).toEqual([adminsId, ownAId]);
      expect(await listed(clientB)).toEqual([adminsId, ownBId]);
      expect((await clientA.get(`/packages?q=${marker}`)).json().total).toBe(2);
    });

    it("answers 404 for another reseller's package, whatever the method, and changes nothing", async () => {
      expect((await clientA.get(`/packages/${ownBId}`)).statusCode).toBe(404);
      expect((await clientA.patch(`/packages/${ownBId}`, { name: 'Taken Over' })).statusCode).toBe(404);
      expect((await clientA.delete(`/packages/${ownBId}`)).statusCode).toBe(404);
      expect((await admin.get(`/packages/${ownBId}`)).json().name).toBe(`${marker} of B`);
    });

    it("lets a reseller read the admins' packages but not change them (403)", async () => {
      expect((await clientA.get(`/packages/${adminsId}`)).statusCode).toBe(200);
      expect((await clientA.patch(`/packages/${adminsId}`, { limits: { sites: null } })).statusCode).toBe(
        403,
      );
      expect((await clientA.delete(`/packages/${adminsId}`)).statusCode).toBe(403);
      expect((await admin.get(`/packages/${adminsId}`)).statusCode).toBe(200);
    });

    it('answers 404 for an unknown package and for a malformed id', async () => {
      expect((await admin.get('/packages/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      expect((await admin.get('/packages/nope')).statusCode).toBe(404);
    });

    it("assertPackageVisibleToReseller admits the admins' and the reseller's own, else 422", async () => {
      const visible = (packageId: string, resellerId: string | null) =>
        assertPackageVisibleToReseller(db, packageId, resellerId);
      await expect(visible(adminsId, resellerA.id)).resolves.toEqual({
        id: adminsId,
        name: `${marker} admins`,
      });
      await expect(visible(ownAId, resellerA.id)).resolves.toMatchObject({ id: ownAId });
      await expect(visible(adminsId, null)).resolves.toMatchObject({ id: adminsId });
      for (const [packageId, resellerId] of [
        [ownBId, resellerA.id],
        [ownAId, null],
        ['00000000-0000-4000-8000-000000000000', resellerA.id],
      ] as const) {
        await expect(visible(packageId, resellerId)).rejects.toMatchObject({
          status: 422,
          errors: [{ field: 'packageId', message: expect.any(String) }],
        });
      }
    });
  });

  describe('list', () => {
    const marker = `lst${Date.now().toString(36)}`;

    it('searches names with % and _ as plain characters, sorts both ways and pages', async () => {
      await makePackage(keel, { name: `${marker} Beta 50%` });
      await makePackage(keel, { name: `${marker} alpha_1`, resellerId: resellerB.id });
      await makePackage(keel, { name: `${marker} Gamma`, resellerId: resellerA.id });
      const names = async (query: string) =>
        (await admin.get(`/packages?q=${marker}&${query}`))
          .json()
          .items.map((item: { name: string }) => item.name);
      expect(await names('sort=name')).toEqual([
        `${marker} alpha_1`,
        `${marker} Beta 50%`,
        `${marker} Gamma`,
      ]);
      expect(await names('sort=-name')).toEqual([
        `${marker} Gamma`,
        `${marker} Beta 50%`,
        `${marker} alpha_1`,
      ]);
      expect(await names('sort=owner')).toEqual([
        `${marker} Beta 50%`,
        `${marker} Gamma`,
        `${marker} alpha_1`,
      ]);
      expect(await names('sort=-owner')).toEqual([
        `${marker} alpha_1`,
        `${marker} Gamma`,
        `${marker} Beta 50%`,
      ]);
      expect(await names('sort=createdAt')).toEqual([
        `${marker} Beta 50%`,
        `${marker} alpha_1`,
        `${marker} Gamma`,
      ]);
      expect(await names('sort=-createdAt&perPage=1&page=2')).toEqual([`${marker} alpha_1`]);
      const percent = await admin.get(`/packages?q=${encodeURIComponent('50%')}`);
      expect(percent.json().items.map((item: { name: string }) => item.name)).toEqual([`${marker} Beta 50%`]);
      const underscore = await admin.get(`/packages?q=${encodeURIComponent('a_1')}`);
      expect(underscore.json().total).toBe(1);
      const page = await admin.get(`/packages?q=${marker}&perPage=2&page=2`);
      expect(page.json()).toMatchObject({ total: 3, page: 2, perPage: 2 });
    });

    it.each(['sort=limits', 'sort=-', 'page=0', 'perPage=500', 'perPage=x', 'owner=me'])(
      'answers 400 to %s',
      async (query) => {
        expect((await admin.get(`/packages?${query}`)).statusCode).toBe(400);
      },
    );
  });

  describe('edit', () => {
    it('renames and changes only the limits sent, audited with what changed', async () => {
      const created = await makePackage(keel, {
        name: 'Editable',
        resellerId: resellerA.id,
        limits: { sites: 3 },
      });
      const response = await clientA.patch(`/packages/${created.id}`, {
        name: 'Edited',
        limits: { databases: 5, sites: null },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        name: 'Edited',
        owner: { id: resellerA.id },
        limits: { ...unlimited, databases: 5 },
      });
      expect((await clientA.get(`/packages/${created.id}`)).json()).toEqual(response.json());
      const event = await lastEvent('package.updated');
      expect(event).toMatchObject({ targetId: created.id, resellerId: resellerA.id, actorRole: 'reseller' });
      expect(event?.details).toEqual({
        name: 'Editable',
        changes: {
          name: { from: 'Editable', to: 'Edited' },
          databases: { from: null, to: 5 },
          sites: { from: 3, to: null },
        },
      });
    });

    it("lets admins change a reseller's package", async () => {
      const created = await makePackage(keel, { name: 'Admin Edits', resellerId: resellerB.id });
      const response = await admin.patch(`/packages/${created.id}`, { limits: { ftpAccounts: 2 } });
      expect(response.statusCode).toBe(200);
      expect(response.json().limits.ftpAccounts).toBe(2);
    });

    it('refuses a name the owner already uses (409) and changes nothing', async () => {
      await makePackage(keel, { name: 'Occupied', resellerId: resellerA.id });
      const other = await makePackage(keel, { name: 'Free', resellerId: resellerA.id, limits: { sites: 1 } });
      const response = await clientA.patch(`/packages/${other.id}`, {
        name: 'OCCUPIED',
        limits: { sites: 9 },
      });
      expect(response.statusCode).toBe(409);
      expect((await clientA.get(`/packages/${other.id}`)).json()).toMatchObject({
        name: 'Free',
        limits: { sites: 1 },
      });
    });

    it.each([
      ['a negative limit', { limits: { dnsZones: -5 } }],
      ['a fractional limit', { limits: { diskMb: 0.5 } }],
      ['a limit as text', { limits: { sites: 'many' } }],
      ['an unknown limit', { limits: { bandwidth: 1 } }],
      ['an owner change', { resellerId: null }],
      ['an empty name', { name: '' }],
      ['a null name', { name: null }],
      ['an id', { id: '00000000-0000-4000-8000-000000000000' }],
    ])('answers 400 to %s and changes nothing', async (_label, body) => {
      const created = await makePackage(keel, {
        resellerId: resellerA.id,
        limits: { dnsZones: 1, diskMb: 10 },
      });
      const response = await clientA.patch(`/packages/${created.id}`, body);
      expect(response.statusCode).toBe(400);
      expect((await clientA.get(`/packages/${created.id}`)).json()).toEqual(created);
    });
  });

  describe('delete', () => {
    it('refuses while customers use the package, saying how many (409), soft-deleted ones included', async () => {
      const used = await makePackage(keel, { resellerId: resellerA.id });
      await makeCustomerOf(keel, resellerA.id, { packageId: used.id });
      await makeCustomerOf(keel, resellerA.id, { packageId: used.id, status: 'deleted' });
      const response = await clientA.delete(`/packages/${used.id}`);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ type: '/api/problems/package-in-use' });
      expect(response.json().detail).toContain('2 customers');
      expect((await clientA.get(`/packages/${used.id}`)).statusCode).toBe(200);
    });

    it('deletes an unused package and audits it', async () => {
      const unused = await makePackage(keel, { name: 'Unused', resellerId: resellerA.id });
      const response = await clientA.delete(`/packages/${unused.id}`);
      expect(response.statusCode).toBe(204);
      expect((await clientA.get(`/packages/${unused.id}`)).statusCode).toBe(404);
      expect(await lastEvent('package.deleted')).toMatchObject({
        targetId: unused.id,
        resellerId: resellerA.id,
        details: { name: 'Unused' },
      });
      expect((await clientA.delete(`/packages/${unused.id}`)).statusCode).toBe(404);
    });

    it("lets admins delete any unused package, a reseller's included", async () => {
      const ofB = await makePackage(keel, { resellerId: resellerB.id });
      expect((await admin.delete(`/packages/${ofB.id}`)).statusCode).toBe(204);
      const admins = await makePackage(keel);
      expect((await admin.delete(`/packages/${admins.id}`)).statusCode).toBe(204);
    });
  });
});
