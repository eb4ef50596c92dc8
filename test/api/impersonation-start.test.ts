import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { testApp } from '../helpers/app.js';
import { ApiClient } from '../helpers/client.js';
import { impersonationScene } from '../helpers/impersonation.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';

describe('impersonation: start', async () => {
  const keel = await testApp();
  const { db } = keel.handle;
  const { resellerA, resellerB, eventsOf, sessionRowOf, holding } = await impersonationScene(keel);

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
        passwordChangeRequired: false,
        twoFactorSetupRequired: false,
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

    it('takes a request without any body', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      const response = await admin.request('POST', `/customers/${customer.id}/impersonate`);
      expect(response.statusCode).toBe(200);
      expect(response.json().user.customerId).toBe(customer.id);
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
});
