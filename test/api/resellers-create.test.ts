import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { resellers } from '../../server/src/db/schema/resellers.js';
import { users } from '../../server/src/db/schema/users.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { ApiClient } from '../helpers/client.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('resellers: create and who may', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const { db } = keel.handle;

  const resellerCount = async () => (await db.select({ id: resellers.id }).from(resellers)).length;
  const lastEvent = async (action: string) => (await auditedAs(keel, action)).at(-1);

  describe('create', () => {
    it('creates a reseller with its login and returns the generated password once', async () => {
      const response = await admin.post('/resellers', {
        name: '  Hosting Partner  ',
        email: '  Partner@Example.TEST ',
        company: 'Partner GmbH',
      });
      expect(response.statusCode).toBe(201);
      expect(response.headers['cache-control']).toBe('no-store');
      const { reseller, password } = response.json();
      expect(reseller).toEqual({
        id: expect.any(String),
        name: 'Hosting Partner',
        email: 'partner@example.test',
        company: 'Partner GmbH',
        customerCount: 0,
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        permissions: {
          edit: { allowed: true, reason: null },
          delete: { allowed: true, reason: null },
        },
      });
      expect(password).toMatch(/^[A-Za-z0-9]{22,}$/);

      const [user] = await db.select().from(users).where(eq(users.email, 'partner@example.test'));
      expect(user).toMatchObject({ role: 'reseller', name: 'Hosting Partner' });
      expect(user?.passwordHash).toMatch(/^\$argon2id\$/);

      const partner = await keel.login(' PARTNER@example.test', password);
      const session = await partner.get('/auth/session');
      expect(session.json().user).toMatchObject({ role: 'reseller', email: 'partner@example.test' });

      const event = await lastEvent('reseller.created');
      expect(event).toMatchObject({ targetId: reseller.id, resellerId: reseller.id, actorRole: 'admin' });
      expect(event?.details).toEqual({
        name: 'Hosting Partner',
        email: 'partner@example.test',
        company: 'Partner GmbH',
      });
      expect(JSON.stringify(event)).not.toContain(password);

      const fetched = await admin.get(`/resellers/${reseller.id}`);
      expect(fetched.statusCode).toBe(200);
      expect(fetched.json()).toEqual(reseller);
      expect(JSON.stringify(fetched.json())).not.toContain('password');
    });

    it('leaves company null when it is absent', async () => {
      const response = await admin.post('/resellers', {
        name: 'No Company',
        email: 'nocompany@example.test',
      });
      expect(response.statusCode).toBe(201);
      expect(response.json().reseller.company).toBeNull();
    });

    it('refuses an email any user already has, whatever its case or surrounding spaces (409)', async () => {
      await makeReseller(keel, { email: 'taken@example.test' });
      const customer = await makeCustomerOf(keel, null);
      const before = await resellerCount();
      for (const email of [' TAKEN@example.test ', customer.email.toUpperCase()]) {
        const response = await admin.post('/resellers', { name: 'Copy', email });
        expect(response.statusCode).toBe(409);
        expect(response.json()).toMatchObject({ type: '/api/problems/email-taken', status: 409 });
      }
      const [adminUser] = await db.select().from(users).where(eq(users.role, 'admin')).limit(1);
      expect((await admin.post('/resellers', { name: 'Copy', email: adminUser?.email })).statusCode).toBe(
        409,
      );
      expect(await resellerCount()).toBe(before);
    });

    it('lets only one of two simultaneous creates with the same email win', async () => {
      const before = await resellerCount();
      const responses = await Promise.all([
        admin.post('/resellers', { name: 'Racer One', email: 'race@example.test' }),
        admin.post('/resellers', { name: 'Racer Two', email: 'Race@Example.test' }),
      ]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
      expect(await resellerCount()).toBe(before + 1);
      expect(await db.select().from(users).where(eq(users.email, 'race@example.test'))).toHaveLength(1);
    });

    it.each([
      ['a missing name', { email: 'x1@example.test' }, 'name'],
      ['a missing email', { name: 'X' }, 'email'],
      ['an empty name', { name: '', email: 'x2@example.test' }, 'name'],
      ['a name of only control characters', { name: 'a\u0000b', email: 'x3@example.test' }, 'name'],
      ['a name over 200 characters', { name: 'n'.repeat(201), email: 'x4@example.test' }, 'name'],
      ['a number as name', { name: 42, email: 'x5@example.test' }, 'name'],
      ['a malformed email', { name: 'X', email: 'not-an-email' }, 'email'],
      ['an email over 254 characters', { name: 'X', email: `${'e'.repeat(250)}@example.test` }, 'email'],
      [
        'a company over 200 characters',
        { name: 'X', email: 'x6@example.test', company: 'c'.repeat(201) },
        'company',
      ],
      ['an unknown field', { name: 'X', email: 'x7@example.test', role: 'admin' }, 'role'],
      [
        'a password sent along',
        { name: 'X', email: 'x8@example.test', password: 'mine mine mine mine' },
        'password',
      ],
    ])('answers 400 to %s and creates nothing', async (_label, body, field) => {
      const before = await resellerCount();
      const response = await admin.post('/resellers', body);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await resellerCount()).toBe(before);
    });

    it('answers 400 to malformed JSON and to a body that is not an object', async () => {
      const before = await resellerCount();
      const malformed = await admin.post('/resellers', '{"name": "X", "email":', {
        'content-type': 'application/json',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await admin.post('/resellers', ['X', 'x@example.test'])).statusCode).toBe(400);
      expect(await resellerCount()).toBe(before);
    });

    it('keeps unicode and injection-looking text exactly as sent', async () => {
      const name = "Zoë Ørsted'); DROP TABLE users; --";
      const response = await admin.post('/resellers', {
        name,
        email: 'zoe@example.test',
        company: '<b>日本</b>',
      });
      expect(response.statusCode).toBe(201);
      expect(response.json().reseller).toMatchObject({ name, company: '<b>日本</b>' });
    });
  });

  describe('who may', () => {
    it('admits only admins: resellers and customers get 403, anonymous 401, and nothing changes', async () => {
      const reseller = await makeReseller(keel);
      const customer = await makeCustomerOf(keel, reseller.id);
      const before = await resellerCount();
      for (const client of [await reseller.login(), await customer.login()]) {
        expect((await client.get('/resellers')).statusCode).toBe(403);
        expect((await client.get(`/resellers/${reseller.id}`)).statusCode).toBe(403);
        expect(
          (await client.post('/resellers', { name: 'Sneaky', email: 'sneaky@example.test' })).statusCode,
        ).toBe(403);
        expect((await client.patch(`/resellers/${reseller.id}`, { name: 'Renamed' })).statusCode).toBe(403);
        expect((await client.delete(`/resellers/${reseller.id}`)).statusCode).toBe(403);
      }
      expect((await keel.anonymous().get('/resellers')).statusCode).toBe(401);
      expect(await resellerCount()).toBe(before);
      expect((await admin.get(`/resellers/${reseller.id}`)).json().name).not.toBe('Renamed');
    });

    it('works with an admin API token, which needs no CSRF header', async () => {
      const { token } = (await admin.post('/auth/tokens', { name: 'billing' })).json();
      const billing = ApiClient.withToken(keel.app, token);
      const response = await billing.post('/resellers', { name: 'By Token', email: 'bytoken@example.test' });
      expect(response.statusCode).toBe(201);
    });

    it('refuses a cookie-authenticated change without the CSRF header (403)', async () => {
      const before = await resellerCount();
      const response = await admin.post(
        '/resellers',
        { name: 'No Csrf', email: 'nocsrf@example.test' },
        { 'x-csrf-token': '' },
      );
      expect(response.statusCode).toBe(403);
      expect(await resellerCount()).toBe(before);
    });
  });
});
