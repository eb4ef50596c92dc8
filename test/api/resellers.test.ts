import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { packages } from '../../server/src/db/schema/packages.js';
import { resellers } from '../../server/src/db/schema/resellers.js';
import { apiTokens, sessions } from '../../server/src/db/schema/sessions.js';
import { users } from '../../server/src/db/schema/users.js';
import { testApp } from '../helpers/app.js';
import { ApiClient } from '../helpers/client.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('resellers', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const { db } = keel.handle;

  const resellerCount = async () => (await db.select({ id: resellers.id }).from(resellers)).length;
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
    it('creates a reseller with its login and returns the generated password once', async () => {
      const response = await admin.post('/resellers', {
        name: '  Hosting Partner  ',
        email: 'Partner@Example.TEST',
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

    it('refuses an email any user already has, whatever its case (409)', async () => {
      await makeReseller(keel, { email: 'taken@example.test' });
      const customer = await makeCustomerOf(keel, null);
      const before = await resellerCount();
      for (const email of ['TAKEN@example.test', customer.email.toUpperCase()]) {
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

  describe('list', () => {
    // A tenant of its own: the names share a marker so the searches below see only these.
    const marker = `lst${Date.now().toString(36)}`;
    const made: { id: string; name: string; email: string; company: string | null }[] = [];

    it('arranges resellers with customers', async () => {
      const specs = [
        { name: `Alpha ${marker}`, company: 'Zulu Hosting' },
        { name: `bravo ${marker}`, company: null },
        { name: `Charlie ${marker}`, company: '100% Uptime_Ltd' },
      ];
      for (const [index, spec] of specs.entries()) {
        const email = `${marker}-${index}@example.test`;
        const reseller = await makeReseller(keel, { ...spec, email });
        made.push({ id: reseller.id, email, ...spec });
        keel.clock.advanceMinutes(1);
      }
      await makeCustomerOf(keel, made[2]?.id ?? null);
      await makeCustomerOf(keel, made[2]?.id ?? null, { status: 'suspended' });
      await makeCustomerOf(keel, made[0]?.id ?? null, { status: 'deleted' });
    });

    const names = (response: { json(): { items: { name: string }[] } }) =>
      response.json().items.map((item) => item.name);

    it('returns the list envelope with customer counts (soft-deleted customers included)', async () => {
      const response = await admin.get(`/resellers?q=${marker}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ total: 3, page: 1, perPage: 25 });
      expect(body.items.map((item: { customerCount: number }) => item.customerCount)).toEqual([1, 0, 2]);
    });

    it('searches name, email and company case-insensitively, with % and _ as plain characters', async () => {
      expect(names(await admin.get(`/resellers?q=${marker.toUpperCase()}`))).toHaveLength(3);
      expect(names(await admin.get(`/resellers?q=${marker}-1@EXAMPLE`))).toEqual([`bravo ${marker}`]);
      expect(names(await admin.get('/resellers?q=zulu'))).toEqual([`Alpha ${marker}`]);
      expect(names(await admin.get(`/resellers?q=${encodeURIComponent('100%')}`))).toEqual([
        `Charlie ${marker}`,
      ]);
      expect(names(await admin.get(`/resellers?q=${encodeURIComponent('0%')}`))).toEqual([
        `Charlie ${marker}`,
      ]);
      expect((await admin.get(`/resellers?q=${encodeURIComponent('%')}`)).json().total).toBe(1);
      expect((await admin.get(`/resellers?q=${encodeURIComponent('Uptime_')}`)).json().total).toBe(1);
      expect((await admin.get(`/resellers?q=${encodeURIComponent('_')}`)).json().total).toBe(1);
      expect((await admin.get(`/resellers?q=${encodeURIComponent("' or 1=1 --")}`)).json().total).toBe(0);
    });

    it.each([
      ['name', ['Alpha', 'bravo', 'Charlie']],
      ['-name', ['Charlie', 'bravo', 'Alpha']],
      ['email', ['Alpha', 'bravo', 'Charlie']],
      ['-email', ['Charlie', 'bravo', 'Alpha']],
      ['company', ['Charlie', 'Alpha', 'bravo']],
      ['-company', ['bravo', 'Alpha', 'Charlie']],
      ['customerCount', ['bravo', 'Alpha', 'Charlie']],
      ['-customerCount', ['Charlie', 'Alpha', 'bravo']],
      ['createdAt', ['Alpha', 'bravo', 'Charlie']],
      ['-createdAt', ['Charlie', 'bravo', 'Alpha']],
    ])('sorts by %s', async (sort, expected) => {
      const response = await admin.get(`/resellers?q=${marker}&sort=${sort}`);
      expect(response.statusCode).toBe(200);
      expect(names(response)).toEqual(expected.map((name) => `${name} ${marker}`));
    });

    it('pages with a total', async () => {
      const first = await admin.get(`/resellers?q=${marker}&perPage=2&page=1`);
      const second = await admin.get(`/resellers?q=${marker}&perPage=2&page=2`);
      const beyond = await admin.get(`/resellers?q=${marker}&perPage=2&page=3`);
      expect(first.json()).toMatchObject({ total: 3, page: 1, perPage: 2 });
      expect(names(first)).toEqual([`Alpha ${marker}`, `bravo ${marker}`]);
      expect(names(second)).toEqual([`Charlie ${marker}`]);
      expect(beyond.json()).toMatchObject({ items: [], total: 3, page: 3 });
    });

    it.each([
      'sort=password',
      'sort=--name',
      'sort=name,email',
      'page=0',
      'page=-1',
      'page=abc',
      'page=1.5',
      'perPage=0',
      'perPage=101',
      'status=active',
      `q=${'q'.repeat(201)}`,
    ])('answers 400 to %s', async (query) => {
      const response = await admin.get(`/resellers?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('read one', () => {
    it('answers 404 for an unknown id and for one that is not an id', async () => {
      expect((await admin.get('/resellers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      expect((await admin.get('/resellers/not-an-id')).statusCode).toBe(404);
      expect((await admin.get(`/resellers/${encodeURIComponent("1' or '1'='1")}`)).statusCode).toBe(404);
    });
  });

  describe('edit', () => {
    it('changes name, email and company, audits what changed, and the new email signs in', async () => {
      const reseller = await makeReseller(keel, { name: 'Old Name', company: 'Old Co' });
      const response = await admin.patch(`/resellers/${reseller.id}`, {
        name: 'New Name',
        email: 'New.Address@Example.test',
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
  });
});
