import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { packages } from '../../server/src/db/schema/packages.js';
import { apiTokens, sessions } from '../../server/src/db/schema/sessions.js';
import { users } from '../../server/src/db/schema/users.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { ApiClient } from '../helpers/client.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('resellers: edit and delete', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const { db } = keel.handle;

  const lastEvent = async (action: string) => (await auditedAs(keel, action)).at(-1);

  describe('edit', () => {
    it('changes name, email and company, audits what changed, and the new email signs in', async () => {
      const reseller = await makeReseller(keel, { name: 'Old Name', company: 'Old Co' });
      const response = await admin.patch(`/resellers/${reseller.id}`, {
        name: 'New Name',
        email: ' New.Address@Example.test ',
        company: null,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        id: reseller.id,
        name: 'New Name',
        email: 'new.address@example.test',
        company: null,
      });
      expect((await admin.get(`/resellers/${reseller.id}`)).json()).toEqual(response.json());
      const event = await lastEvent('reseller.updated');
      expect(event).toMatchObject({ targetId: reseller.id, resellerId: reseller.id, actorRole: 'admin' });
      expect(event?.details).toEqual({
        changes: {
          name: { from: 'Old Name', to: 'New Name' },
          email: { from: reseller.email, to: 'new.address@example.test' },
          company: { from: 'Old Co', to: null },
        },
      });
      await expect(keel.login('new.address@example.test', reseller.password)).resolves.toBeDefined();
      await expect(keel.login(reseller.email, reseller.password)).rejects.toThrow(/401/);
    });

    it('changes only what is sent, and records nothing for a change to the same values', async () => {
      const reseller = await makeReseller(keel, { name: 'Keep Me', company: 'Keep Co' });
      const renamed = await admin.patch(`/resellers/${reseller.id}`, { company: 'New Co' });
      expect(renamed.json()).toMatchObject({ name: 'Keep Me', email: reseller.email, company: 'New Co' });
      const events = async () =>
        (await db.select().from(auditEvents).where(eq(auditEvents.targetId, reseller.id))).length;
      const before = await events();
      const same = await admin.patch(`/resellers/${reseller.id}`, { name: 'Keep Me', company: 'New Co' });
      expect(same.statusCode).toBe(200);
      expect((await admin.patch(`/resellers/${reseller.id}`, {})).statusCode).toBe(200);
      expect(await events()).toBe(before);
    });

    it('refuses an email another user has (409) and changes nothing', async () => {
      const first = await makeReseller(keel);
      const second = await makeReseller(keel);
      const response = await admin.patch(`/resellers/${second.id}`, {
        name: 'Should Not Stick',
        email: first.email.toUpperCase(),
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().type).toBe('/api/problems/email-taken');
      expect((await admin.get(`/resellers/${second.id}`)).json()).toMatchObject({ email: second.email });
      expect((await admin.get(`/resellers/${second.id}`)).json().name).not.toBe('Should Not Stick');
    });

    it.each([
      ['an unknown field', { customerCount: 5 }],
      ['an empty name', { name: '' }],
      ['a null name', { name: null }],
      ['a null email', { email: null }],
      ['a malformed email', { email: 'nope' }],
      ['a name over 200 characters', { name: 'x'.repeat(201) }],
      ['a boolean company', { company: true }],
    ])('answers 400 to %s and changes nothing', async (_label, body) => {
      const reseller = await makeReseller(keel, { company: 'Stable Co' });
      const before = (await admin.get(`/resellers/${reseller.id}`)).json();
      const response = await admin.patch(`/resellers/${reseller.id}`, body);
      expect(response.statusCode).toBe(400);
      expect((await admin.get(`/resellers/${reseller.id}`)).json()).toEqual(before);
    });

    it("re-sorts the reseller's customers by its new name in the customer list", async () => {
      const first = await makeReseller(keel, { name: 'Aardvark Hosting' });
      const second = await makeReseller(keel, { name: 'Beaver Hosting' });
      const ofFirst = await makeCustomerOf(keel, first.id);
      const ofSecond = await makeCustomerOf(keel, second.id);
      const order = async () =>
        (await admin.get('/customers?sort=reseller&perPage=100'))
          .json()
          .items.map((item: { id: string }) => item.id)
          .filter((id: string) => id === ofFirst.id || id === ofSecond.id);
      expect(await order()).toEqual([ofFirst.id, ofSecond.id]);
      await admin.patch(`/resellers/${first.id}`, { name: 'Zebra Hosting' });
      expect(await order()).toEqual([ofSecond.id, ofFirst.id]);
      expect((await admin.get(`/customers/${ofFirst.id}`)).json().reseller).toEqual({
        id: first.id,
        name: 'Zebra Hosting',
      });
    });

    it('answers 400 to malformed JSON and changes nothing', async () => {
      const reseller = await makeReseller(keel, { company: 'Stable Co' });
      const before = (await admin.get(`/resellers/${reseller.id}`)).json();
      const response = await admin.patch(`/resellers/${reseller.id}`, '{"name": "Half', {
        'content-type': 'application/json',
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await admin.get(`/resellers/${reseller.id}`)).json()).toEqual(before);
    });

    it('answers 404 for an unknown reseller', async () => {
      const response = await admin.patch('/resellers/00000000-0000-4000-8000-000000000000', {
        name: 'Ghost',
      });
      expect(response.statusCode).toBe(404);
    });
  });

  describe('delete', () => {
    it.each(['active', 'suspended', 'deleted'] as const)(
      'refuses while the reseller has a customer that is %s (409) and changes nothing',
      async (status) => {
        const reseller = await makeReseller(keel);
        await makeCustomerOf(keel, reseller.id, { status });
        const response = await admin.delete(`/resellers/${reseller.id}`);
        expect(response.statusCode).toBe(409);
        expect(response.json()).toMatchObject({ type: '/api/problems/reseller-has-customers' });
        expect(response.json().detail).toContain('1 customer');
        expect((await admin.get(`/resellers/${reseller.id}`)).statusCode).toBe(200);
        await expect(reseller.login()).resolves.toBeDefined();
      },
    );

    it('removes the reseller, its login, sessions, API tokens and own packages, and audits it', async () => {
      const reseller = await makeReseller(keel, { name: 'Leaving Soon' });
      const signedIn = await reseller.login();
      const { token } = (await signedIn.post('/auth/tokens', { name: 'script' })).json();
      const byToken = ApiClient.withToken(keel.app, token);
      expect((await byToken.get('/auth/tokens')).statusCode).toBe(200);
      const own = await makePackage(keel, { resellerId: reseller.id });
      const adminsPackage = await makePackage(keel);
      const [user] = await db.select().from(users).where(eq(users.email, reseller.email));

      const response = await admin.delete(`/resellers/${reseller.id}`);
      expect(response.statusCode).toBe(204);
      expect(response.body).toBe('');

      expect((await admin.get(`/resellers/${reseller.id}`)).statusCode).toBe(404);
      expect(await db.select().from(users).where(eq(users.email, reseller.email))).toEqual([]);
      expect(
        await db
          .select()
          .from(sessions)
          .where(eq(sessions.userId, user?.id ?? '')),
      ).toEqual([]);
      expect(
        await db
          .select()
          .from(apiTokens)
          .where(eq(apiTokens.userId, user?.id ?? '')),
      ).toEqual([]);
      expect(await db.select().from(packages).where(eq(packages.id, own.id))).toEqual([]);
      expect(await db.select().from(packages).where(eq(packages.id, adminsPackage.id))).toHaveLength(1);
      expect((await signedIn.get('/auth/session')).statusCode).toBe(401);
      expect((await byToken.get('/auth/tokens')).statusCode).toBe(401);
      await expect(reseller.login()).rejects.toThrow(/401/);

      const event = await lastEvent('reseller.deleted');
      expect(event).toMatchObject({ targetId: reseller.id, actorRole: 'admin' });
      expect(event?.details).toMatchObject({
        name: 'Leaving Soon',
        email: reseller.email,
        packagesDeleted: 1,
      });

      expect((await admin.delete(`/resellers/${reseller.id}`)).statusCode).toBe(404);
      // Its email is free again.
      expect((await admin.post('/resellers', { name: 'Reuse', email: reseller.email })).statusCode).toBe(201);
    });

    it('never deletes a reseller while a customer is being created for it', async () => {
      for (let round = 0; round < 3; round++) {
        const reseller = await makeReseller(keel);
        const [created, deleted] = await Promise.all([
          admin.post('/customers', {
            firstName: 'Racing',
            lastName: 'Customer',
            email: `racing-${round}-${Date.now()}@example.test`,
            resellerId: reseller.id,
          }),
          admin.delete(`/resellers/${reseller.id}`),
        ]);
        const outcome = [created.statusCode, deleted.statusCode];
        expect([
          [201, 409],
          [422, 204],
        ]).toContainEqual(outcome);
        const stillThere = (await admin.get(`/resellers/${reseller.id}`)).statusCode === 200;
        expect(stillThere).toBe(outcome[0] === 201);
      }
    });
  });
});
