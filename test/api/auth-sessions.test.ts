import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAdmin } from '../../server/src/admins/create-admin.js';
import { endSessionsOfUser, revokeAccess } from '../../server/src/auth/sessions.js';
import { sessions } from '../../server/src/db/schema/sessions.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { makeReseller } from '../helpers/reseller-factory.js';

const password = 'a long and private passphrase';

describe('sessions', async () => {
  const keel = await testApp();
  let made = 0;
  const newAdmin = async () => {
    const email = `session-admin-${++made}@example.test`;
    const { admin } = await createAdmin(keel.system, { email, password });
    return { id: admin.id, client: await keel.login(email, password) };
  };
  const sessionRows = (userId: string) =>
    keel.handle.db.select().from(sessions).where(eq(sessions.userId, userId));

  it('answers 401 with a problem document without a session, or with an unknown cookie', async () => {
    const anonymous = await keel.anonymous().get('/auth/session');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    const forged = await keel.anonymous().get('/auth/session', { cookie: 'keel_session=forged-token' });
    expect(forged.statusCode).toBe(401);
  });

  it('tells who the session acts as', async () => {
    const { id, client } = await newAdmin();
    const response = await client.get('/auth/session');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      user: { id, email: `session-admin-${made}@example.test`, name: 'Administrator', role: 'admin' },
      csrfToken: client.csrfToken,
      impersonator: null,
      passwordChangeRequired: false,
      twoFactorSetupRequired: false,
    });
  });

  it('ends after the idle timeout, and activity keeps it alive until then', async () => {
    const { id, client } = await newAdmin();
    keel.clock.advanceMinutes(50);
    expect((await client.get('/auth/session')).statusCode).toBe(200);
    keel.clock.advanceMinutes(50);
    expect((await client.get('/auth/session')).statusCode).toBe(200);
    keel.clock.advanceMinutes(61);
    expect((await client.get('/auth/session')).statusCode).toBe(401);
    expect(await sessionRows(id)).toEqual([]);
  });

  it('ends after the absolute lifetime however active it is', async () => {
    const { client } = await newAdmin();
    for (let hour = 0; hour < 23; hour++) {
      keel.clock.advanceMinutes(59);
      expect((await client.get('/auth/session')).statusCode).toBe(200);
    }
    keel.clock.advanceMinutes(60);
    expect((await client.get('/auth/session')).statusCode).toBe(401);
  });

  it('applies changed timeouts to sessions that already exist', async () => {
    const admin = await keel.admin();
    const { client } = await newAdmin();
    const security = (await admin.get('/settings/security')).json();
    expect((await admin.put('/settings/security', { ...security, sessionIdleMinutes: 5 })).statusCode).toBe(
      200,
    );
    keel.clock.advanceMinutes(6);
    expect((await client.get('/auth/session')).statusCode).toBe(401);
    const other = await newAdmin();
    const shorter = { ...security, sessionIdleMinutes: 50, sessionMaxHours: 1 };
    // The admin's own session idled out too.
    expect((await admin.put('/settings/security', shorter)).statusCode).toBe(401);
    const again = await keel.admin();
    expect((await again.put('/settings/security', shorter)).statusCode).toBe(200);
    keel.clock.advanceMinutes(40);
    expect((await other.client.get('/auth/session')).statusCode).toBe(200);
    keel.clock.advanceMinutes(21);
    expect((await other.client.get('/auth/session')).statusCode).toBe(401);
    // A session started under the old 24 hours ends after the new one hour as well.
    expect((await again.put('/settings/security', security)).statusCode).toBe(401);
    expect((await (await keel.admin()).put('/settings/security', security)).statusCode).toBe(200);
  });

  it('logs out on the server: the old cookie is dead, and the logout is audited', async () => {
    const { id, client } = await newAdmin();
    const cookie = client.cookie as string;
    const response = await client.post('/auth/logout');
    expect(response.statusCode).toBe(204);
    expect(response.cookies[0]).toMatchObject({ name: 'keel_session', value: '' });
    expect(await sessionRows(id)).toEqual([]);
    const replay = await keel.anonymous().get('/auth/session', { cookie });
    expect(replay.statusCode).toBe(401);
    const [event] = (await auditedAs(keel, 'auth.logout')).filter((row) => row.actorId === id);
    expect(event).toMatchObject({ actorRole: 'admin', targetId: id, ip: '127.0.0.1' });
    expect((await client.post('/auth/logout')).statusCode).toBe(401);
  });

  it('refuses a cookie-authenticated change without the right x-csrf-token, and audits it', async () => {
    const { id, client } = await newAdmin();
    const missing = await client.post('/auth/logout', {}, { 'x-csrf-token': '' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().detail).toMatch(/x-csrf-token/);
    const wrong = await client.post('/auth/logout', {}, { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    // Nothing happened: the session still works.
    expect((await client.get('/auth/session')).statusCode).toBe(200);
    const denied = (await auditedAs(keel, 'auth.authorization_denied')).filter((row) => row.actorId === id);
    expect(denied).toHaveLength(2);
    expect(denied[0]?.details).toEqual({
      method: 'POST',
      route: '/api/v1/auth/logout',
      reason: 'missing or wrong x-csrf-token',
    });
  });

  it('refuses a role the route does not admit with 403, and audits it', async () => {
    const reseller = await makeReseller(keel);
    const client = await reseller.login();
    const response = await client.get('/settings/security');
    expect(response.statusCode).toBe(403);
    expect(response.json().type).toMatch(/forbidden$/);
    const [event] = (await auditedAs(keel, 'auth.authorization_denied')).filter(
      (row) => row.actorEmail === reseller.email,
    );
    expect(event?.details).toMatchObject({
      method: 'GET',
      route: '/api/v1/settings/security',
      reason: 'role not allowed',
    });
  });

  it('is revoked at once when the user’s access is revoked', async () => {
    const { id, client } = await newAdmin();
    await revokeAccess(keel.handle.db, id);
    expect((await client.get('/auth/session')).statusCode).toBe(401);
  });

  it('can end every other session of a user and keep the current one', async () => {
    const email = `two-sessions-${++made}@example.test`;
    const { admin } = await createAdmin(keel.system, { email, password });
    const laptop = await keel.login(email, password);
    const phone = await keel.login(email, password);
    const current = (await sessionRows(admin.id)).find((row) => row.csrfToken === laptop.csrfToken);
    await endSessionsOfUser(keel.handle.db, admin.id, current?.id);
    expect((await laptop.get('/auth/session')).statusCode).toBe(200);
    expect((await phone.get('/auth/session')).statusCode).toBe(401);
  });
});
