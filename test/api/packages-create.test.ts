import { describe, expect, it } from 'vitest';
import { packages } from '../../server/src/db/schema/packages.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { unlimited } from '../helpers/package-factory.js';
import { makeCustomerOf, twoResellers } from '../helpers/reseller-factory.js';

describe('packages: create', async () => {
  const keel = await testApp();
  const { db } = keel.handle;
  const admin = await keel.admin();
  const { resellerA, resellerB } = await twoResellers(keel);
  const clientA = await resellerA.login();
  const clientB = await resellerB.login();

  const packageCount = async () => (await db.select({ id: packages.id }).from(packages)).length;
  const lastEvent = async (action: string) => (await auditedAs(keel, action)).at(-1);

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
        serverGroup: null,
        createdAt: expect.any(String),
        permissions: {
          edit: { allowed: true, reason: null },
          delete: { allowed: true, reason: null },
        },
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
      const denials = (await auditedAs(keel, 'auth.authorization_denied')).filter(
        (event) => (event.details as { action?: string }).action === 'create package',
      );
      expect(denials).toHaveLength(2);
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
});
