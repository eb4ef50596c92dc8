import { describe, expect, it } from 'vitest';
import { suspendCustomer } from '../../server/src/customers/suspend-customer.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { ApiClient } from '../helpers/client.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

/** One-time login links: what a billing system's "Log in to control panel" button does. */
describe('one-time login links', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const created = (
    await admin.post('/auth/tokens', { name: 'billing', scopes: ['customers:impersonate'] })
  ).json();
  const billing = ApiClient.withToken(keel.app, created.token);

  const secretOf = (url: string) => new URL(url).hash.slice(1);
  const redeem = (url: string, client = keel.anonymous()) =>
    client.post('/auth/login-link', { token: secretOf(url) }).then((response) => ({ response, client }));

  it('signs the customer in once, as itself and not as an impersonation, within 60 seconds', async () => {
    const customer = await makeCustomerOf(keel, null);
    const asked = await billing.post(`/customers/${customer.id}/login-link`);
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.headers['cache-control']).toBe('no-store');
    const { url, expiresAt } = asked.json();
    expect(new URL(url).pathname).toBe('/login-link');
    expect(secretOf(url)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(expiresAt) - keel.clock.now().getTime()).toBeGreaterThan(55_000);
    expect(Date.parse(expiresAt) - keel.clock.now().getTime()).toBeLessThanOrEqual(60_000);

    const { response, client } = await redeem(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      user: { email: customer.email, role: 'customer' },
      impersonator: null,
    });
    const session = await client.get('/auth/session');
    expect(session.json()).toMatchObject({ user: { customerId: customer.id }, impersonator: null });
    expect((await client.get(`/customers/${customer.id}/websites`)).statusCode).toBe(200);

    const again = (await redeem(url)).response;
    expect(again.statusCode).toBe(401);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('is audited with the token that asked, and the sign-in it made', async () => {
    const customer = await makeCustomerOf(keel, null);
    const { url } = (await billing.post(`/customers/${customer.id}/login-link`)).json();
    await redeem(url);
    const [made] = (await auditedAs(keel, 'auth.login_link_created')).filter(
      (e) => e.customerId === customer.id,
    );
    expect(made).toMatchObject({
      actorRole: 'admin',
      targetId: customer.id,
      details: { apiTokenId: created.apiToken.id },
    });
    expect(JSON.stringify(made)).not.toContain(secretOf(url));
    const [login] = (await auditedAs(keel, 'auth.login')).filter((e) => e.customerId === customer.id);
    expect(login).toMatchObject({
      actorRole: 'customer',
      impersonatorId: null,
      details: { via: 'login link' },
    });
  });

  it('no longer works after its 60 seconds', async () => {
    const customer = await makeCustomerOf(keel, null);
    const { url } = (await billing.post(`/customers/${customer.id}/login-link`)).json();
    keel.clock.advance(61_000);
    const late = (await redeem(url)).response;
    expect(late.statusCode).toBe(401);
    expect(late.json().detail).toBe('This login link is invalid, already used or expired.');
  });

  it('is refused for a suspended or deleted customer, and dies when its customer is suspended', async () => {
    const suspended = await makeCustomerOf(keel, null, { status: 'suspended' });
    const refused = await billing.post(`/customers/${suspended.id}/login-link`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toMatch(/account-suspended$/);
    const deleted = await makeCustomerOf(keel, null, { status: 'deleted' });
    const gone = await billing.post(`/customers/${deleted.id}/login-link`);
    expect(gone.statusCode).toBe(409);
    expect(gone.json().type).toMatch(/account-deleted$/);

    const customer = await makeCustomerOf(keel, null);
    const { url } = (await billing.post(`/customers/${customer.id}/login-link`)).json();
    await suspendCustomer(keel.system, customer.id, { reason: 'unpaid' });
    expect((await redeem(url)).response.statusCode).toBe(401);
  });

  it('is made by a reseller for its own customers only', async () => {
    const reseller = await makeReseller(keel);
    const own = await makeCustomerOf(keel, reseller.id);
    const other = await makeCustomerOf(keel, null);
    const client = await reseller.login();
    expect((await client.post(`/customers/${own.id}/login-link`)).statusCode).toBe(201);
    expect((await client.post(`/customers/${other.id}/login-link`)).statusCode).toBe(404);
    const customerClient = await own.login();
    expect((await customerClient.post(`/customers/${own.id}/login-link`)).statusCode).toBe(403);
  });
});
