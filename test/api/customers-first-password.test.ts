import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import type { ApiClient } from '../helpers/client.js';
import { makeCustomer } from '../helpers/customer-factory.js';
import { makeReseller } from '../helpers/reseller-factory.js';

const ownPassword = 'Lighthouse-Orchard-Ferry-42';

// SECURITY.md: an operator setting may require a customer to choose a new password at the first
// sign-in after an operator set or generated it (ASVS 6.4.1); off by default.
describe('customers: choosing their own password after an operator gave them one', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const security = async () => (await admin.get('/settings/security')).json();
  const requireOwnPassword = async (on: boolean) => {
    const response = await admin.put('/settings/security', {
      ...(await security()),
      requirePasswordChangeAfterReset: on,
    });
    expect(response.statusCode).toBe(200);
  };
  afterEach(() => requireOwnPassword(false));

  const isHeldBack = async (client: ApiClient, customerId: string) => {
    const response = await client.get(`/customers/${customerId}/websites`);
    if (response.statusCode === 200) return false;
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toBe('/api/problems/password-change-required');
    return true;
  };

  it('is off by default: a new customer uses the panel with the password it was given', async () => {
    const customer = await makeCustomer(keel);
    const client = await customer.login();
    expect((await client.get('/auth/session')).json().passwordChangeRequired).toBe(false);
    expect(await isHeldBack(client, customer.id)).toBe(false);
  });

  it('on, holds a new customer to choosing its own password first, and audits each refusal', async () => {
    await requireOwnPassword(true);
    const customer = await makeCustomer(keel);
    const signIn = await keel.anonymous().post('/auth/login', {
      email: customer.email,
      password: customer.password,
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().passwordChangeRequired).toBe(true);

    const client = await customer.login();
    expect((await client.get('/auth/session')).json().passwordChangeRequired).toBe(true);
    expect((await client.get(`/customers/${customer.id}`)).statusCode).toBe(200);
    expect(await isHeldBack(client, customer.id)).toBe(true);
    const token = await client.post('/auth/tokens', { name: 'billing' });
    expect(token.statusCode).toBe(403);
    expect((await client.get('/auth/tokens')).statusCode).toBe(403);
    const refusals = (await auditedAs(keel, 'auth.authorization_denied')).filter(
      (event) =>
        event.actorEmail === customer.email &&
        (event.details as { reason?: string }).reason === 'password change required',
    );
    expect(refusals.length).toBeGreaterThanOrEqual(3);
  });

  it('lets the customer go on once it has chosen its own, in the same session', async () => {
    await requireOwnPassword(true);
    const customer = await makeCustomer(keel);
    const client = await customer.login();
    const wrong = await client.post(`/customers/${customer.id}/password`, {
      password: ownPassword,
      currentPassword: 'not-the-one-it-was-given',
    });
    expect(wrong.statusCode).toBe(422);
    expect(await isHeldBack(client, customer.id)).toBe(true);

    const chosen = await client.post(`/customers/${customer.id}/password`, {
      password: ownPassword,
      currentPassword: customer.password,
    });
    expect(chosen.statusCode).toBe(204);
    expect((await client.get('/auth/session')).json().passwordChangeRequired).toBe(false);
    expect(await isHeldBack(client, customer.id)).toBe(false);
    const again = await keel.login(customer.email, ownPassword);
    expect((await again.get('/auth/session')).json().passwordChangeRequired).toBe(false);
  });

  it('holds the customer again after an operator sets or generates a new password for it', async () => {
    await requireOwnPassword(true);
    const reseller = await makeReseller(keel);
    const customer = await makeCustomer(keel, { resellerId: reseller.id });
    const first = await customer.login();
    await first.post(`/customers/${customer.id}/password`, {
      password: ownPassword,
      currentPassword: customer.password,
    });

    const resellerClient = await reseller.login();
    const generated = await resellerClient.post(`/customers/${customer.id}/password`, {});
    expect(generated.statusCode).toBe(200);
    const afterGenerated = await keel.login(customer.email, generated.json().password);
    expect(await isHeldBack(afterGenerated, customer.id)).toBe(true);

    const set = await admin.post(`/customers/${customer.id}/password`, {
      password: 'Granite-Willow-Harbor-77',
    });
    expect(set.statusCode).toBe(204);
    const afterSet = await keel.login(customer.email, 'Granite-Willow-Harbor-77');
    expect(await isHeldBack(afterSet, customer.id)).toBe(true);
  });

  it('applies to sessions already open when the setting changes, both ways', async () => {
    const customer = await makeCustomer(keel);
    const client = await customer.login();
    expect(await isHeldBack(client, customer.id)).toBe(false);
    await requireOwnPassword(true);
    expect(await isHeldBack(client, customer.id)).toBe(true);
    await requireOwnPassword(false);
    expect(await isHeldBack(client, customer.id)).toBe(false);
  });

  it('does not hold an admin impersonating the customer, nor resellers and admins themselves', async () => {
    await requireOwnPassword(true);
    const customer = await makeCustomer(keel);
    const support = await keel.admin();
    const started = await support.post(`/customers/${customer.id}/impersonate`, {});
    expect(started.statusCode).toBe(200);
    expect(started.json().passwordChangeRequired).toBe(false);
    expect(await isHeldBack(support, customer.id)).toBe(false);

    const reseller = await makeReseller(keel);
    const resellerClient = await reseller.login();
    expect((await resellerClient.get('/auth/session')).json().passwordChangeRequired).toBe(false);
    expect((await resellerClient.get('/customers')).statusCode).toBe(200);
  });

  it('still lets a held-back customer sign out', async () => {
    await requireOwnPassword(true);
    const customer = await makeCustomer(keel);
    const client = await customer.login();
    expect((await client.post('/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/auth/session')).statusCode).toBe(401);
  });
});
