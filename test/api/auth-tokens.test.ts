import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customers } from '../../server/src/db/schema/customers.js';
import { apiTokens } from '../../server/src/db/schema/sessions.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { ApiClient } from '../helpers/client.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';

describe('API tokens', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const me = (await admin.get('/auth/session')).json().user;

  it('creates a token shown once, stores only its digest and lists it without the secret', async () => {
    const response = await admin.post('/auth/tokens', { name: 'billing system' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { token, apiToken } = response.json();
    expect(token).toMatch(/^keel_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toEqual({
      id: expect.any(String),
      name: 'billing system',
      scopes: [],
      expiresAt: null,
      allowedIps: [],
      createdAt: expect.any(String),
      lastUsedAt: null,
      lastUsedIp: null,
    });
    const [row] = await keel.handle.db.select().from(apiTokens).where(eq(apiTokens.id, apiToken.id));
    expect(row?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    const list = await admin.get('/auth/tokens');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toContainEqual(apiToken);
    expect(list.body).not.toContain(token);
    const [event] = await auditedAs(keel, 'auth.token_created');
    expect(event).toMatchObject({
      actorId: me.id,
      targetId: apiToken.id,
      details: { name: 'billing system', scopes: [], expiresAt: null, allowedIps: [] },
    });
    expect(JSON.stringify(event)).not.toContain(token);
  });

  it('authenticates as Bearer without any CSRF header, and records its use', async () => {
    const { token, apiToken } = (await admin.post('/auth/tokens', { name: 'script' })).json();
    const script = ApiClient.withToken(keel.app, token);
    expect((await script.get('/settings/platform')).statusCode).toBe(200);
    expect((await script.put('/settings/platform', { permanentDeleteAfterDays: 30 })).statusCode).toBe(200);
    const [row] = await keel.handle.db.select().from(apiTokens).where(eq(apiTokens.id, apiToken.id));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('stops working at once when revoked, and the revocation is audited', async () => {
    const { token, apiToken } = (await admin.post('/auth/tokens', { name: 'short-lived' })).json();
    const script = ApiClient.withToken(keel.app, token);
    expect((await admin.delete(`/auth/tokens/${apiToken.id}`)).statusCode).toBe(204);
    const refused = await script.get('/settings/platform');
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await admin.get('/auth/tokens')).json()).not.toContainEqual(
      expect.objectContaining({ id: apiToken.id }),
    );
    expect((await admin.delete(`/auth/tokens/${apiToken.id}`)).statusCode).toBe(404);
    const [event] = await auditedAs(keel, 'auth.token_revoked');
    expect(event).toMatchObject({ targetId: apiToken.id, details: { name: 'short-lived' } });
  });

  it('answers a wrong or malformed Bearer with 401, even alongside a valid cookie', async () => {
    for (const authorization of ['Bearer keel_not-a-real-token', 'Bearer ', 'Basic dXNlcjpwYXNz']) {
      const response = await admin.get('/settings/platform', { authorization });
      expect(response.statusCode).toBe(401);
    }
  });

  it('lets no one see or revoke another user’s tokens', async () => {
    const other = await keel.admin();
    const { apiToken } = (await admin.post('/auth/tokens', { name: 'mine only' })).json();
    expect((await other.get('/auth/tokens')).json()).toEqual([]);
    expect((await other.delete(`/auth/tokens/${apiToken.id}`)).statusCode).toBe(404);
    expect((await admin.get('/auth/tokens')).json()).toContainEqual(
      expect.objectContaining({ id: apiToken.id }),
    );
  });

  it('belongs to customers too, and stops working when the customer is not active', async () => {
    const customer = await makeCustomerOf(keel, null);
    const client = await customer.login();
    const { token } = (await client.post('/auth/tokens', { name: 'my deploy script' })).json();
    const script = ApiClient.withToken(keel.app, token);
    expect((await script.get('/auth/tokens')).statusCode).toBe(200);
    expect((await script.get('/settings/platform')).statusCode).toBe(403);
    await keel.handle.db.update(customers).set({ status: 'suspended' }).where(eq(customers.id, customer.id));
    expect((await script.get('/auth/tokens')).statusCode).toBe(401);
  });

  const badNames: [string, unknown][] = [
    ['an empty name', { name: '' }],
    ['a name over 100 characters', { name: 'n'.repeat(101) }],
    ['a control character', { name: 'tab\there' }],
    ['a number', { name: 42 }],
    ['an extra field', { name: 'ok', role: 'admin' }],
    ['a scope that does not exist', { name: 'ok', scopes: ['admin'] }],
    ['the same scope twice', { name: 'ok', scopes: ['customers:read', 'customers:read'] }],
    ['an expiry that is no timestamp', { name: 'ok', expiresAt: 'next week' }],
    ['an address that is none', { name: 'ok', allowedIps: ['10.0.0.300'] }],
    ['a prefix too long', { name: 'ok', allowedIps: ['10.0.0.0/33'] }],
    ['a range with two prefixes', { name: 'ok', allowedIps: ['10.0.0.0/8/8'] }],
    ['an empty address', { name: 'ok', allowedIps: [''] }],
    ['no body field', {}],
  ];
  it.each(badNames)('refuses %s with 400 and creates nothing', async (_, body) => {
    const before = await keel.handle.db.select().from(apiTokens);
    const response = await admin.post('/auth/tokens', body);
    expect(response.statusCode).toBe(400);
    expect(await keel.handle.db.select().from(apiTokens)).toHaveLength(before.length);
  });

  it('answers 404 for a token id that cannot exist', async () => {
    expect((await admin.delete('/auth/tokens/not-a-uuid')).statusCode).toBe(404);
  });
});
