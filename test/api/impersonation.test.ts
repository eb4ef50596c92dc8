import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { sessions } from '../../server/src/db/schema/sessions.js';
import { testApp } from '../helpers/app.js';
import { ApiClient } from '../helpers/client.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('impersonation', async () => {
  const keel = await testApp();
  const { db } = keel.handle;
  const resellerA = await makeReseller(keel, { name: 'Reseller A' });
  const resellerB = await makeReseller(keel, { name: 'Reseller B' });

  const eventsOf = async (action: string, customerId: string) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.customerId, customerId)))
      .orderBy(desc(auditEvents.id));
  const sessionRowOf = async (client: ApiClient) => {
    const csrf = client.csrfToken ?? '';
    const [row] = await db.select().from(sessions).where(eq(sessions.csrfToken, csrf));
    return row;
  };
  /** A client that still holds a cookie from before, to show it stopped working. */
  const holding = (cookie: string | null) => {
    const client = new ApiClient(keel.app);
    client.cookie = cookie;
    return client;
  };

  describe('start', () => {
    it('lets an admin act as a customer, under a fresh session token, audited with reason and origin', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, resellerA.id);
      const adminUser = (await admin.get('/auth/session')).json().user;
      const before = await sessionRowOf(admin);
      const oldCookie = admin.cookie;
      const oldCsrf = admin.csrfToken;

      const response = await admin.post(
        `/customers/${customer.id}/impersonate`,
        { reason: '  Ticket #4711  ' },
        { 'user-agent': 'SupportDesk/1.0' },
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = response.json();
      expect(body).toEqual({
        user: {
          id: customer.userId,
          email: customer.email,
          name: expect.any(String),
          role: 'customer',
          customerId: customer.id,
        },
        csrfToken: expect.any(String),
        impersonator: adminUser,
      });
      expect(body.csrfToken).not.toBe(oldCsrf);
      expect(admin.cookie).not.toBe(oldCookie);
      const setCookie = String(response.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);

      // The old token no longer works; the new one acts as the customer with the admin behind it.
      expect((await holding(oldCookie).get('/auth/session')).statusCode).toBe(401);
      const session = await admin.get('/auth/session');
      expect(session.json()).toEqual(body);

      const after = await sessionRowOf(admin);
      expect(after).toMatchObject({
        id: before?.id,
        userId: adminUser.id,
        actingUserId: customer.userId,
        impersonationReason: 'Ticket #4711',
        expiresAt: before?.expiresAt,
      });
      expect(after?.impersonationStartedAt).toBeInstanceOf(Date);

      const [started] = await eventsOf('impersonation.started', customer.id);
      expect(started).toMatchObject({
        actorId: adminUser.id,
        actorRole: 'admin',
        impersonatorId: null,
        customerId: customer.id,
        resellerId: resellerA.id,
        targetType: 'customer',
        targetId: customer.id,
        ip: '127.0.0.1',
        userAgent: 'SupportDesk/1.0',
      });
      expect(started?.details).toMatchObject({ reason: 'Ticket #4711' });
    });

    it('lets a reseller act as its own customer, and takes the reason as optional', async () => {
      const reseller = await resellerA.login();
      const customer = await makeCustomerOf(keel, resellerA.id);
      const response = await reseller.post(`/customers/${customer.id}/impersonate`, {});
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        user: { role: 'customer', customerId: customer.id },
        impersonator: { role: 'reseller', email: resellerA.email },
      });
      const [started] = await eventsOf('impersonation.started', customer.id);
      expect(started).toMatchObject({ actorRole: 'reseller', resellerId: resellerA.id });
      expect(started?.details).toMatchObject({ reason: null });
    });

    it('allows a suspended customer (support may need to look)', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null, { status: 'suspended' });
      const response = await admin.post(`/customers/${customer.id}/impersonate`, {
        reason: 'why suspended?',
      });
      expect(response.statusCode).toBe(200);
      expect((await admin.get(`/customers/${customer.id}`)).json()).toMatchObject({ status: 'suspended' });
    });

    it("answers 404 for another reseller's customer, the admins' own, and unknown ids", async () => {
      const reseller = await resellerA.login();
      const foreign = await makeCustomerOf(keel, resellerB.id);
      const admins = await makeCustomerOf(keel, null);
      for (const id of [foreign.id, admins.id, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
        const response = await reseller.post(`/customers/${id}/impersonate`, {});
        expect(response.statusCode).toBe(404);
      }
      expect((await reseller.get('/auth/session')).json().impersonator).toBeNull();
    });

    it('refuses a soft-deleted customer (409) and changes nothing', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, resellerA.id, { status: 'deleted' });
      const before = await sessionRowOf(admin);
      const response = await admin.post(`/customers/${customer.id}/impersonate`, {});
      expect(response.statusCode).toBe(409);
      expect(response.json().type).toBe('/api/problems/customer-deleted');
      expect(await sessionRowOf(admin)).toEqual(before);
      expect(await eventsOf('impersonation.started', customer.id)).toEqual([]);
    });

    it('is never nested: a session already impersonating gets 409', async () => {
      const admin = await keel.admin();
      const first = await makeCustomerOf(keel, null);
      const second = await makeCustomerOf(keel, null);
      expect((await admin.post(`/customers/${first.id}/impersonate`, {})).statusCode).toBe(200);
      const response = await admin.post(`/customers/${second.id}/impersonate`, {});
      expect(response.statusCode).toBe(409);
      expect(response.json().type).toBe('/api/problems/already-impersonating');
      expect((await admin.get('/auth/session')).json().user.customerId).toBe(first.id);
      expect((await admin.post(`/customers/${first.id}/impersonate`, {})).statusCode).toBe(409);
    });

    it('is not for customers (403), not even of themselves, and audits the refusal', async () => {
      const customer = await makeCustomerOf(keel, resellerA.id);
      const other = await makeCustomerOf(keel, resellerA.id);
      const client = await customer.login();
      for (const id of [customer.id, other.id]) {
        expect((await client.post(`/customers/${id}/impersonate`, {})).statusCode).toBe(403);
      }
      expect((await client.get('/auth/session')).json()).toMatchObject({ impersonator: null });
      const [denied] = await db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, 'auth.authorization_denied'), eq(auditEvents.actorId, customer.userId)),
        );
      expect(denied).toBeDefined();
    });

    it('needs a browser session: an API token gets 403', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      const { token } = (await admin.post('/auth/tokens', { name: 'script' })).json();
      const response = await ApiClient.withToken(keel.app, token).post(
        `/customers/${customer.id}/impersonate`,
        {},
      );
      expect(response.statusCode).toBe(403);
      expect(await eventsOf('impersonation.started', customer.id)).toEqual([]);
    });

    it('needs the CSRF header (403) and a session at all (401)', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      const noCsrf = await admin.post(
        `/customers/${customer.id}/impersonate`,
        {},
        { 'x-csrf-token': 'wrong' },
      );
      expect(noCsrf.statusCode).toBe(403);
      expect((await keel.anonymous().post(`/customers/${customer.id}/impersonate`, {})).statusCode).toBe(401);
      expect((await admin.get('/auth/session')).json().impersonator).toBeNull();
    });

    it.each([
      ['an unknown field', { reason: 'x', as: 'admin' }],
      ['a reason that is not text', { reason: 42 }],
      ['a reason over 500 characters', { reason: 'r'.repeat(501) }],
      ['a reason with control characters', { reason: 'a\u0000b' }],
      ['a body that is not an object', ['reason']],
    ])('answers 400 to %s and changes nothing', async (_label, body) => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      const before = await sessionRowOf(admin);
      const response = await admin.post(`/customers/${customer.id}/impersonate`, body);
      expect(response.statusCode).toBe(400);
      expect(await sessionRowOf(admin)).toEqual(before);
      expect(await eventsOf('impersonation.started', customer.id)).toEqual([]);
    });

    it('answers 400 to malformed JSON and changes nothing', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      const response = await admin.post(`/customers/${customer.id}/impersonate`, '{"reason":', {
        'content-type': 'application/json',
      });
      expect(response.statusCode).toBe(400);
      expect((await admin.get('/auth/session')).json().impersonator).toBeNull();
    });
  });

  describe('while impersonating', () => {
    it("has exactly the customer's powers", async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, resellerA.id);
      const other = await makeCustomerOf(keel, resellerA.id);
      await admin.post(`/customers/${customer.id}/impersonate`, {});
      expect((await admin.get('/customers')).statusCode).toBe(403);
      expect((await admin.get(`/customers/${customer.id}`)).statusCode).toBe(200);
      expect((await admin.get(`/customers/${other.id}`)).statusCode).toBe(404);
      expect((await admin.get('/resellers')).statusCode).toBe(403);
      expect((await admin.get('/packages')).statusCode).toBe(403);
      expect((await admin.get('/settings/security')).statusCode).toBe(403);
      expect((await admin.post('/resellers', { name: 'Nope', email: 'nope@example.test' })).statusCode).toBe(
        403,
      );
      expect((await admin.post(`/customers/${customer.id}/suspend`, {})).statusCode).toBe(403);
    });

    it('cannot create API tokens', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      await admin.post(`/customers/${customer.id}/impersonate`, {});
      const response = await admin.post('/auth/tokens', { name: 'backdoor' });
      expect(response.statusCode).toBe(403);
      expect((await admin.get('/auth/tokens')).json()).toEqual([]);
    });

    it("cannot change the customer's password", async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      await admin.post(`/customers/${customer.id}/impersonate`, {});
      const generate = await admin.post(`/customers/${customer.id}/password`, {});
      expect(generate.statusCode).toBe(403);
      const set = await admin.post(`/customers/${customer.id}/password`, {
        password: 'a brand new passphrase here',
        currentPassword: customer.password,
      });
      expect(set.statusCode).toBe(403);
      await expect(customer.login()).resolves.toBeDefined();
    });

    it("cannot change the customer's login email", async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      await admin.post(`/customers/${customer.id}/impersonate`, {});
      const response = await admin.patch(`/customers/${customer.id}`, { email: 'hijack@example.test' });
      expect(response.statusCode).toBe(403);
      const [row] = await db.select().from(customers).where(eq(customers.id, customer.id));
      expect(row?.email).toBe(customer.email);
    });
  });

  describe('audit', () => {
    it('records every action with both identities, and the customer reads it all in its own log', async () => {
      const admin = await keel.admin();
      const adminUser = (await admin.get('/auth/session')).json().user;
      const customer = await makeCustomerOf(keel, resellerA.id);
      await admin.post(`/customers/${customer.id}/impersonate`, { reason: 'set up the shop' });
      const created = await admin.post(`/customers/${customer.id}/websites`, {
        domain: `shop-${Date.now()}.example.test`,
      });
      expect(created.statusCode).toBe(201);
      expect((await admin.post('/auth/impersonation/stop')).statusCode).toBe(200);

      const [stored] = await eventsOf('website.created', customer.id);
      expect(stored).toMatchObject({
        actorId: customer.userId,
        actorRole: 'customer',
        impersonatorId: adminUser.id,
        impersonatorEmail: adminUser.email,
      });

      const own = await customer.login();
      const log = await own.get(`/customers/${customer.id}/audit`);
      expect(log.statusCode).toBe(200);
      const items = log.json().items as {
        action: string;
        actor: unknown;
        impersonator: unknown;
        details: unknown;
      }[];
      const story = items.map((item) => item.action).filter((action) => action !== 'auth.login');
      expect(story.slice(0, 3)).toEqual([
        'impersonation.stopped',
        'website.created',
        'impersonation.started',
      ]);
      expect(items.find((item) => item.action === 'website.created')).toMatchObject({
        actor: { id: customer.userId, role: 'customer' },
        impersonator: { id: adminUser.id, email: adminUser.email, role: 'admin' },
      });
      expect(items.find((item) => item.action === 'impersonation.started')).toMatchObject({
        actor: { id: adminUser.id, role: 'admin' },
        details: { reason: 'set up the shop' },
      });
    });
  });

  describe('stop', () => {
    it('returns to the real user under a fresh token, audited', async () => {
      const admin = await keel.admin();
      const adminUser = (await admin.get('/auth/session')).json().user;
      const customer = await makeCustomerOf(keel, resellerA.id);
      await admin.post(`/customers/${customer.id}/impersonate`, { reason: 'look around' });
      const impersonatingCookie = admin.cookie;

      const response = await admin.post('/auth/impersonation/stop');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ user: adminUser, csrfToken: expect.any(String), impersonator: null });
      expect(admin.cookie).not.toBe(impersonatingCookie);
      expect((await holding(impersonatingCookie).get('/auth/session')).statusCode).toBe(401);
      expect((await admin.get('/auth/session')).json()).toMatchObject({
        user: adminUser,
        impersonator: null,
      });
      expect((await admin.get('/resellers')).statusCode).toBe(200);
      expect(await sessionRowOf(admin)).toMatchObject({
        actingUserId: null,
        impersonationStartedAt: null,
        impersonationReason: null,
      });

      const [stopped] = await eventsOf('impersonation.stopped', customer.id);
      expect(stopped).toMatchObject({
        actorId: customer.userId,
        impersonatorId: adminUser.id,
        targetId: customer.id,
        resellerId: resellerA.id,
        ip: '127.0.0.1',
        userAgent: 'lightMyRequest',
      });
      expect(stopped?.details).toEqual({ reason: 'look around' });
    });

    it('answers 409 when the session is not impersonating', async () => {
      const admin = await keel.admin();
      const response = await admin.post('/auth/impersonation/stop');
      expect(response.statusCode).toBe(409);
      expect(response.json().type).toBe('/api/problems/not-impersonating');
    });

    it('ends with the session at logout', async () => {
      const admin = await keel.admin();
      const adminUser = (await admin.get('/auth/session')).json().user;
      const customer = await makeCustomerOf(keel, null);
      await admin.post(`/customers/${customer.id}/impersonate`, {});
      const row = await sessionRowOf(admin);
      expect((await admin.post('/auth/logout')).statusCode).toBe(204);
      expect((await admin.get('/auth/session')).statusCode).toBe(401);
      expect(
        await db
          .select()
          .from(sessions)
          .where(eq(sessions.id, row?.id ?? '')),
      ).toEqual([]);
      const [logout] = await eventsOf('auth.logout', customer.id);
      expect(logout).toMatchObject({ actorId: customer.userId, impersonatorId: adminUser.id });
    });
  });

  describe('limits re-checked on every request', () => {
    it('ends after 60 minutes even while active, and a change in flight is refused (409)', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      await admin.post(`/customers/${customer.id}/impersonate`, {});
      for (let minute = 14; minute <= 56; minute += 14) {
        keel.clock.advanceMinutes(14);
        expect((await admin.get('/auth/session')).json().user.customerId).toBe(customer.id);
      }
      keel.clock.advanceMinutes(5);
      const refused = await admin.post('/auth/tokens', { name: 'after the limit' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().type).toBe('/api/problems/impersonation-ended');
      expect((await admin.get('/auth/tokens')).json()).toEqual([]);
      const session = await admin.get('/auth/session');
      expect(session.json()).toMatchObject({ user: { role: 'admin' }, impersonator: null });
      const [ended] = await eventsOf('impersonation.ended', customer.id);
      expect(ended?.details).toEqual({ cause: 'time limit' });
    });

    it('ends with the whole session after the idle timeout', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      await admin.post(`/customers/${customer.id}/impersonate`, {});
      keel.clock.advanceMinutes(61);
      expect((await admin.get('/auth/session')).statusCode).toBe(401);
    });

    it('ends as soon as the reseller no longer owns the customer', async () => {
      const admin = await keel.admin();
      const reseller = await resellerA.login();
      const customer = await makeCustomerOf(keel, resellerA.id);
      await reseller.post(`/customers/${customer.id}/impersonate`, {});
      expect((await admin.patch(`/customers/${customer.id}`, { resellerId: resellerB.id })).statusCode).toBe(
        200,
      );
      const session = await reseller.get('/auth/session');
      expect(session.json()).toMatchObject({ user: { role: 'reseller' }, impersonator: null });
      expect((await reseller.get(`/customers/${customer.id}`)).statusCode).toBe(404);
      const [ended] = await eventsOf('impersonation.ended', customer.id);
      expect(ended).toMatchObject({ actorRole: 'reseller', impersonatorId: null });
      expect(ended?.details).toEqual({ cause: 'right lost' });
    });

    it('ends as soon as the customer is soft-deleted by someone else', async () => {
      const admin = await keel.admin();
      const other = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      await admin.post(`/customers/${customer.id}/impersonate`, {});
      expect((await other.delete(`/customers/${customer.id}`)).statusCode).toBe(200);
      expect((await admin.get('/auth/session')).json()).toMatchObject({
        user: { role: 'admin' },
        impersonator: null,
      });
    });

    it('ends when the customer turns out soft-deleted on the next request (the per-request check)', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      await admin.post(`/customers/${customer.id}/impersonate`, {});
      await db.update(customers).set({ status: 'deleted' }).where(eq(customers.id, customer.id));
      expect((await admin.get('/auth/session')).json()).toMatchObject({
        user: { role: 'admin' },
        impersonator: null,
      });
      const [ended] = await eventsOf('impersonation.ended', customer.id);
      expect(ended?.details).toEqual({ cause: 'right lost' });
    });
  });
});
