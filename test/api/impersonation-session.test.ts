import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customers } from '../../server/src/db/schema/customers.js';
import { sessions } from '../../server/src/db/schema/sessions.js';
import { testApp } from '../helpers/app.js';
import { impersonationScene } from '../helpers/impersonation.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';

describe('impersonation: the session meanwhile, stop and limits', async () => {
  const keel = await testApp();
  const { db } = keel.handle;
  const { resellerA, resellerB, eventsOf, sessionRowOf, holding } = await impersonationScene(keel);

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
      expect(response.json()).toEqual({
        user: adminUser,
        csrfToken: expect.any(String),
        impersonator: null,
        passwordChangeRequired: false,
        twoFactorSetupRequired: false,
      });
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
