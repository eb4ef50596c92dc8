import { describe, expect, it } from 'vitest';
import { assertPackageVisibleToReseller } from '../../server/src/packages/package-visibility.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { makePackage } from '../helpers/package-factory.js';
import { twoResellers } from '../helpers/reseller-factory.js';

describe('packages: visibility and list', async () => {
  const keel = await testApp();
  const { db } = keel.handle;
  const admin = await keel.admin();
  const { resellerA, resellerB } = await twoResellers(keel);
  const clientA = await resellerA.login();
  const clientB = await resellerB.login();

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
      expect((await clientA.patch(`/packages/${adminsId}`, { limits: { sites: 99 } })).statusCode).toBe(403);
      expect((await clientA.delete(`/packages/${adminsId}`)).statusCode).toBe(403);
      expect((await admin.get(`/packages/${adminsId}`)).json().limits.sites).toBeNull();
      const denials = (await auditedAs(keel, 'auth.authorization_denied')).filter(
        (event) => event.targetId === adminsId,
      );
      expect(denials.map((event) => [event.actorRole, (event.details as { action: string }).action])).toEqual(
        [
          ['reseller', 'change package'],
          ['reseller', 'delete package'],
        ],
      );
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
});
