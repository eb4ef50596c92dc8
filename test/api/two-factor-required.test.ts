import { describe, expect, it } from 'vitest';
import { createAdmin } from '../../server/src/admins/create-admin.js';
import { readSecuritySettings } from '../../server/src/settings/settings.queries.js';
import { updateSecuritySettings } from '../../server/src/settings/update-security-settings.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { codeOf, turnOnTwoFactor } from '../helpers/authenticator.js';
import { ApiClient } from '../helpers/client.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

describe('two-factor sign-in required by the security setting', async () => {
  const keel = await testApp();
  const requireFor = async (roles: ('admin' | 'reseller' | 'customer')[]) => {
    const current = await readSecuritySettings(keel.handle.db);
    await updateSecuritySettings(keel.system, { ...current, requireTwoFactorFor: roles });
  };

  it('holds the admin who turns it on, and a reseller, to setting it up before anything else', async () => {
    const admin = await keel.admin();
    const reseller = await makeReseller(keel);
    const customer = await makeCustomerOf(keel, reseller.id);
    const current = (await admin.get('/settings/security')).json();
    const saved = await admin.put('/settings/security', {
      ...current,
      requireTwoFactorFor: ['admin', 'reseller'],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().requireTwoFactorFor).toEqual(['admin', 'reseller']);
    const [event] = (await auditedAs(keel, 'settings.security_updated')).slice(-1);
    expect(event?.details).toEqual({
      changes: { requireTwoFactorFor: { from: [], to: ['admin', 'reseller'] } },
    });

    // The admin's own open session is held from its next request on.
    expect((await admin.get('/auth/session')).json().twoFactorSetupRequired).toBe(true);
    const held = await admin.get('/customers');
    expect(held.statusCode).toBe(403);
    expect(held.json().type).toMatch(/two-factor-setup-required$/);
    expect((await auditedAs(keel, 'auth.authorization_denied')).at(-1)?.details).toMatchObject({
      reason: 'two-factor setup required',
    });

    const resellerClient = new ApiClient(keel.app);
    const signedIn = await resellerClient.post('/auth/login', {
      email: reseller.email,
      password: reseller.password,
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().twoFactorSetupRequired).toBe(true);
    expect((await resellerClient.get('/customers')).statusCode).toBe(403);
    expect((await resellerClient.post('/auth/tokens', { name: 'billing' })).statusCode).toBe(403);
    await turnOnTwoFactor(keel, resellerClient);
    expect((await resellerClient.get('/auth/session')).json().twoFactorSetupRequired).toBe(false);
    expect((await resellerClient.get('/customers')).statusCode).toBe(200);

    // Customers are not named: one signs in and works with its password alone.
    const customerClient = await customer.login();
    expect((await customerClient.get('/auth/session')).json().twoFactorSetupRequired).toBe(false);
    expect((await customerClient.get(`/customers/${customer.id}`)).statusCode).toBe(200);

    await turnOnTwoFactor(keel, admin);
    expect((await admin.get('/customers')).statusCode).toBe(200);
    // Back to the default for the tests after this one.
    await requireFor([]);
    expect((await admin.get('/settings/security')).json().requireTwoFactorFor).toEqual([]);
  });

  it('holds a customer held to both rules to choosing its password first, then to two-factor setup', async () => {
    const current = await readSecuritySettings(keel.handle.db);
    await updateSecuritySettings(keel.system, {
      ...current,
      requirePasswordChangeAfterReset: true,
      requireTwoFactorFor: ['customer'],
    });
    const customer = await makeCustomerOf(keel, null);
    const client = await customer.login();
    expect((await client.get('/auth/session')).json()).toMatchObject({
      passwordChangeRequired: true,
      twoFactorSetupRequired: true,
    });
    expect((await client.post('/auth/2fa/setup')).json().type).toMatch(/password-change-required$/);
    const chosen = await client.post(`/customers/${customer.id}/password`, {
      password: 'my very own passphrase of a good length',
      currentPassword: customer.password,
    });
    expect(chosen.statusCode).toBe(204);
    const held = await client.get(`/customers/${customer.id}`);
    expect(held.statusCode).toBe(403);
    expect(held.json().type).toMatch(/two-factor-setup-required$/);
    await turnOnTwoFactor(keel, client);
    expect((await client.get(`/customers/${customer.id}`)).statusCode).toBe(200);
    await updateSecuritySettings(keel.system, current);
  });

  it('refuses anything but a list of distinct roles, and changes nothing', async () => {
    const admin = await keel.admin();
    const current = (await admin.get('/settings/security')).json();
    for (const requireTwoFactorFor of [['owner'], ['admin', 'admin'], 'admin']) {
      const response = await admin.put('/settings/security', { ...current, requireTwoFactorFor });
      expect(response.statusCode).toBe(400);
    }
    expect((await admin.get('/settings/security')).json()).toEqual(current);
  });

  describe('impersonation', () => {
    it("asks no second factor of the customer, but the impersonator's own session must have passed its own", async () => {
      const customer = await makeCustomerOf(keel, null);
      const customerClient = await customer.login();
      await turnOnTwoFactor(keel, customerClient);

      // An admin with its own second factor impersonates a customer that has one: no customer code asked.
      const adminEmail = 'impersonator@example.test';
      const adminPassword = 'a long and private passphrase';
      await createAdmin(keel.system, { email: adminEmail, password: adminPassword });
      const admin = await keel.login(adminEmail, adminPassword);
      const { secret } = await turnOnTwoFactor(keel, admin);
      expect((await admin.post(`/customers/${customer.id}/impersonate`, {})).statusCode).toBe(200);
      expect((await admin.get(`/customers/${customer.id}/websites`)).statusCode).toBe(200);
      expect((await admin.post('/auth/impersonation/stop')).statusCode).toBe(200);

      // With the rule on for admins and customers, an admin without a second factor may not start.
      await requireFor(['admin', 'customer']);
      const bare = await keel.admin();
      const refused = await bare.post(`/customers/${customer.id}/impersonate`, {});
      expect(refused.statusCode).toBe(403);
      expect(refused.json().type).toMatch(/two-factor-setup-required$/);

      // The customer's own requirement is not the impersonator's to meet.
      const plainCustomer = await makeCustomerOf(keel, null);
      const started = await admin.post(`/customers/${plainCustomer.id}/impersonate`, {});
      expect(started.statusCode).toBe(200);
      expect(started.json().twoFactorSetupRequired).toBe(false);
      expect((await admin.get(`/customers/${plainCustomer.id}/websites`)).statusCode).toBe(200);
      await admin.post('/auth/impersonation/stop');

      // The admin's password alone gives no session to impersonate from.
      const passwordOnly = new ApiClient(keel.app);
      const answer = await passwordOnly.post('/auth/login', { email: adminEmail, password: adminPassword });
      expect(answer.json()).toEqual({ twoFactorRequired: true });
      expect((await passwordOnly.post(`/customers/${customer.id}/impersonate`, {})).statusCode).toBe(401);
      const withCode = await passwordOnly.post('/auth/login', {
        email: adminEmail,
        password: adminPassword,
        code: codeOf(keel, secret),
      });
      expect(withCode.statusCode).toBe(200);
      expect((await passwordOnly.post(`/customers/${customer.id}/impersonate`, {})).statusCode).toBe(200);
      await requireFor([]);
    });

    it('holds an impersonating admin as soon as the rule names its role, but lets it get back to itself', async () => {
      const admin = await keel.admin();
      const customer = await makeCustomerOf(keel, null);
      expect((await admin.post(`/customers/${customer.id}/impersonate`, {})).statusCode).toBe(200);
      await requireFor(['admin']);
      const held = await admin.get(`/customers/${customer.id}/websites`);
      expect(held.statusCode).toBe(403);
      expect(held.json().type).toMatch(/two-factor-setup-required$/);
      const back = await admin.post('/auth/impersonation/stop');
      expect(back.statusCode).toBe(200);
      expect(back.json()).toMatchObject({ impersonator: null, twoFactorSetupRequired: true });
      await turnOnTwoFactor(keel, admin);
      expect((await admin.get('/customers')).statusCode).toBe(200);
      await requireFor([]);
    });
  });
});
