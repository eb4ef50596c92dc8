import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiTokens } from '../../server/src/db/schema/sessions.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { ApiClient } from '../helpers/client.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

/** Scopes, expiry and allowed addresses of API tokens, as a billing system meets them. */
describe('scoped API tokens', async () => {
  const keel = await testApp();
  const admin = await keel.admin();

  async function tokenOf(owner: ApiClient, body: Record<string, unknown>) {
    const response = await owner.post('/auth/tokens', { name: 'billing', ...body });
    expect(response.statusCode, response.body).toBe(201);
    const { token, apiToken } = response.json();
    return { script: ApiClient.withToken(keel.app, token), apiToken };
  }

  it('lets a customers:lifecycle token suspend and reactivate, but not create, edit or impersonate', async () => {
    const customer = await makeCustomerOf(keel, null);
    const { script, apiToken } = await tokenOf(admin, { scopes: ['customers:lifecycle'] });
    expect(apiToken.scopes).toEqual(['customers:lifecycle']);

    const suspended = await script.post(`/customers/${customer.id}/suspend`, { reason: 'unpaid invoice' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json().status).toBe('suspended');
    const reactivated = await script.post(`/customers/${customer.id}/reactivate`);
    expect(reactivated.statusCode, reactivated.body).toBe(200);
    expect(reactivated.json().status).toBe('active');

    const refusals = [
      await script.post('/customers', { firstName: 'New', lastName: 'One', email: 'new-one@example.test' }),
      await script.patch(`/customers/${customer.id}`, { company: 'Renamed' }),
      await script.post(`/customers/${customer.id}/impersonate`, {}),
      await script.post(`/customers/${customer.id}/login-link`),
      await script.get('/customers'),
      await script.get('/auth/tokens'),
    ];
    for (const refused of refusals) {
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(refusals[0]?.json().detail).toContain('customers:write');
    expect((await admin.get(`/customers/${customer.id}`)).json()).toMatchObject({ status: 'active' });
    expect((await admin.get('/customers?q=new-one')).json().total).toBe(0);
    const denials = await auditedAs(keel, 'auth.authorization_denied');
    expect(denials.at(-1)).toMatchObject({ details: { reason: 'API token scope' } });
  });

  it('narrows the role and never widens it: a reseller token with every scope still sees only its own', async () => {
    const reseller = await makeReseller(keel);
    const other = await makeCustomerOf(keel, null);
    const own = await makeCustomerOf(keel, reseller.id);
    const { script } = await tokenOf(await reseller.login(), {
      scopes: ['customers:read', 'customers:lifecycle', 'settings:read'],
    });
    expect((await script.get(`/customers/${own.id}`)).statusCode).toBe(200);
    expect((await script.get(`/customers/${other.id}`)).statusCode).toBe(404);
    expect((await script.post(`/customers/${other.id}/suspend`)).statusCode).toBe(404);
    expect((await script.get('/settings/security')).statusCode).toBe(403);
  });

  it('reaches hosting resources only with the hosting scopes, reading apart from writing', async () => {
    const customer = await makeCustomerOf(keel, null);
    const { script: reader } = await tokenOf(admin, { scopes: ['hosting:read'] });
    expect((await reader.get(`/customers/${customer.id}/websites`)).statusCode).toBe(200);
    expect((await reader.get(`/customers/${customer.id}/mailboxes`)).statusCode).toBe(200);
    const write = await reader.post(`/customers/${customer.id}/websites`, { domain: 'scoped.example.test' });
    expect(write.statusCode).toBe(403);
    expect((await reader.get(`/customers/${customer.id}`)).statusCode).toBe(403);
  });

  it('works only from its allowed addresses: 401 from anywhere else', async () => {
    const { script: fromLocal } = await tokenOf(admin, { allowedIps: ['127.0.0.0/8', '2001:db8::/32'] });
    expect((await fromLocal.get('/settings/platform')).statusCode).toBe(200);
    const { script: fromOffice, apiToken } = await tokenOf(admin, {
      allowedIps: [' 10.0.0.0/8 ', '192.0.2.7'],
    });
    expect(apiToken.allowedIps).toEqual(['10.0.0.0/8', '192.0.2.7']);
    const refused = await fromOffice.get('/settings/platform');
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().detail).toBe('The API token is not allowed from this address.');
    const fromOfficeAddress = await fromOffice.raw({
      method: 'GET',
      url: '/api/v1/settings/platform',
      headers: { authorization: `Bearer ${fromOffice.bearer}` },
      remoteAddress: '10.1.2.3',
    });
    expect(fromOfficeAddress.statusCode).toBe(200);
    const [event] = (await auditedAs(keel, 'auth.token_refused')).filter((e) => e.targetId === apiToken.id);
    expect(event).toMatchObject({ ip: '127.0.0.1', details: { reason: refused.json().detail } });
  });

  it('stops working at its expiry with 401, and refuses an expiry in the past', async () => {
    const expiresAt = new Date(keel.clock.now().getTime() + 30 * 60_000).toISOString();
    const { script, apiToken } = await tokenOf(admin, { expiresAt });
    expect(apiToken.expiresAt).toBe(expiresAt);
    expect((await script.get('/settings/platform')).statusCode).toBe(200);
    // Within the session's idle timeout, so the admin who made it stays signed in.
    keel.clock.advanceMinutes(31);
    const expired = await script.get('/settings/platform');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().detail).toBe('The API token has expired.');

    const before = await keel.handle.db.select().from(apiTokens);
    const past = await admin.post('/auth/tokens', {
      name: 'too late',
      expiresAt: new Date(keel.clock.now().getTime() - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toEqual([{ field: 'expiresAt', message: 'must be in the future' }]);
    expect(await keel.handle.db.select().from(apiTokens)).toHaveLength(before.length);
  });

  it('records when and from which address it was last used, and lists it', async () => {
    const { script, apiToken } = await tokenOf(admin, {});
    expect(apiToken).toMatchObject({ lastUsedAt: null, lastUsedIp: null });
    await script.get('/settings/platform');
    const listed = (await admin.get('/auth/tokens'))
      .json()
      .find((token: { id: string }) => token.id === apiToken.id);
    expect(listed.lastUsedIp).toBe('127.0.0.1');
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(apiToken.createdAt));
    await script.raw({
      method: 'GET',
      url: '/api/v1/settings/platform',
      headers: { authorization: `Bearer ${script.bearer}` },
      remoteAddress: '198.51.100.9',
    });
    const [row] = await keel.handle.db.select().from(apiTokens).where(eq(apiTokens.id, apiToken.id));
    expect(row?.lastUsedIp).toBe('198.51.100.9');
  });

  it('lets a token without scopes act with the full role, and a scoped one not manage tokens', async () => {
    const { script: full } = await tokenOf(admin, { scopes: [] });
    expect((await full.get('/auth/tokens')).statusCode).toBe(200);
    expect((await full.get('/settings/security')).statusCode).toBe(200);
    const { script: limited } = await tokenOf(admin, { scopes: ['settings:read'] });
    expect((await limited.get('/settings/security')).statusCode).toBe(200);
    expect((await limited.put('/settings/platform', { permanentDeleteAfterDays: 30 })).statusCode).toBe(403);
    expect((await limited.post('/auth/tokens', { name: 'escalate' })).statusCode).toBe(403);
  });
});
