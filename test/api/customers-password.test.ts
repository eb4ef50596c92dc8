import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../server/src/auth/password-policy.js';
import { defaultSecuritySettings } from '../../server/src/settings/settings.schemas.js';
import { testApp } from '../helpers/app.js';
import { auditCount, insertReseller, makeCustomer, userRow } from '../helpers/customer-factory.js';

const strong = 'violet harbour lantern quietly 2031';

describe('changing a customer password', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const reseller = await insertReseller(keel);
  const resellerClient = await reseller.login();
  const otherClient = await (await insertReseller(keel)).login();

  it('lets an admin set one: 204, other sessions end, the new password works', async () => {
    const customer = await makeCustomer(keel);
    const session = await customer.login();
    const response = await admin.post(`/customers/${customer.id}/password`, { password: strong });
    expect(response.statusCode).toBe(204);
    expect((await session.get('/auth/session')).statusCode).toBe(401);
    await expect(keel.login(customer.email, customer.password)).rejects.toThrow(/401/);
    await keel.login(customer.email, strong);
    const audit = (
      await admin.get(`/customers/${customer.id}/audit?action=customer.password_changed`)
    ).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].details).toEqual({ generated: false, byCustomer: false });
    expect(JSON.stringify(audit)).not.toContain(strong);
  });

  it('generates one with {}: 200 { password }, shown once with no-store', async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id });
    const response = await resellerClient.post(`/customers/${customer.id}/password`, {});
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const { password } = response.json();
    expect(passwordProblems(password, defaultSecuritySettings.passwordPolicy)).toEqual([]);
    await keel.login(customer.email, password);
    const audit = (
      await admin.get(`/customers/${customer.id}/audit?action=customer.password_changed`)
    ).json();
    expect(audit.items[0].details).toEqual({ generated: true, byCustomer: false });
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('refuses a password against the policy with 422 listing every reason', async () => {
    const customer = await makeCustomer(keel, { firstName: 'Marguerite', lastName: 'Perey' });
    const before = (await userRow(keel, customer.email))?.passwordHash;
    const auditBefore = await auditCount(keel);
    const response = await admin.post(`/customers/${customer.id}/password`, { password: 'marguerite' });
    expect(response.statusCode).toBe(422);
    const { errors } = response.json();
    expect(errors.every((error: { field: string }) => error.field === 'password')).toBe(true);
    expect(errors.map((error: { message: string }) => error.message)).toEqual(
      expect.arrayContaining(['must be at least 15 characters long', 'must not contain "marguerite"']),
    );
    const common = await admin.post(`/customers/${customer.id}/password`, { password: 'aaaaaaaaaaaaaaaa' });
    expect(common.statusCode).toBe(422);
    expect(common.json().errors.map((e: { message: string }) => e.message)).toContain(
      'must not be one character repeated',
    );
    expect((await userRow(keel, customer.email))?.passwordHash).toBe(before);
    expect(await auditCount(keel)).toBe(auditBefore);
  });

  it('lets a customer change its own with its current password; its own session survives', async () => {
    const customer = await makeCustomer(keel);
    const mine = await customer.login();
    const other = await customer.login();
    const missing = await mine.post(`/customers/${customer.id}/password`, { password: strong });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
    const wrong = await mine.post(`/customers/${customer.id}/password`, {
      password: strong,
      currentPassword: 'not the password at all',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    await keel.login(customer.email, customer.password);
    const changed = await mine.post(`/customers/${customer.id}/password`, {
      password: strong,
      currentPassword: customer.password,
    });
    expect(changed.statusCode).toBe(204);
    expect((await mine.get('/auth/session')).statusCode).toBe(200);
    expect((await other.get('/auth/session')).statusCode).toBe(401);
    const audit = (await mine.get(`/customers/${customer.id}/audit?action=customer.password_changed`)).json();
    expect(audit.items[0].details).toEqual({ generated: false, byCustomer: true });
    const generated = await mine.post(`/customers/${customer.id}/password`, { currentPassword: strong });
    expect(generated.statusCode).toBe(200);
    await keel.login(customer.email, generated.json().password);
  });

  it('slows down guessing of the current password (429), then lets the right one through', async () => {
    const customer = await makeCustomer(keel);
    const mine = await customer.login();
    const guess = (currentPassword: string) =>
      mine.post(`/customers/${customer.id}/password`, { password: strong, currentPassword });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await guess(`wrong guess ${attempt}`)).statusCode).toBe(422);
    }
    // Waiting out each back-off, further wrong guesses double it: 1, 2, 4, 8, then 16 seconds.
    for (const seconds of [1, 2, 4, 8]) {
      keel.clock.advance(seconds * 1000 + 10);
      expect((await guess(`wrong after ${seconds}s`)).statusCode).toBe(422);
    }
    const throttled = await guess(customer.password);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toBeDefined();
    expect(
      (await keel.anonymous().post('/auth/login', { email: customer.email, password: strong })).statusCode,
    ).toBe(401);
    keel.clock.advanceMinutes(1);
    expect((await guess(customer.password)).statusCode).toBe(204);
  });

  it("refuses the change while impersonating (403) and another tenant's customer (404)", async () => {
    const customer = await makeCustomer(keel, { resellerId: reseller.id });
    const impersonator = await reseller.login();
    const started = await impersonator.post(`/customers/${customer.id}/impersonate`, { reason: 'ticket 1' });
    expect(started.statusCode).toBe(200);
    const before = (await userRow(keel, customer.email))?.passwordHash;
    for (const body of [{ password: strong, currentPassword: customer.password }, {}]) {
      const response = await impersonator.post(`/customers/${customer.id}/password`, body);
      expect(response.statusCode).toBe(403);
    }
    expect((await otherClient.post(`/customers/${customer.id}/password`, {})).statusCode).toBe(404);
    const stranger = await (await makeCustomer(keel)).login();
    expect((await stranger.post(`/customers/${customer.id}/password`, {})).statusCode).toBe(404);
    expect((await userRow(keel, customer.email))?.passwordHash).toBe(before);
  });

  it('answers malformed bodies with 400 and changes nothing', async () => {
    const customer = await makeCustomer(keel);
    const before = (await userRow(keel, customer.email))?.passwordHash;
    const auditBefore = await auditCount(keel);
    for (const body of [
      { password: 123456789012345 },
      { password: '' },
      { password: 'x'.repeat(1025) },
      { password: strong, extra: true },
      { newPassword: strong },
      [strong],
    ]) {
      const response = await admin.post(`/customers/${customer.id}/password`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const malformed = await admin.post(`/customers/${customer.id}/password`, '{"password": "abc', {
      'content-type': 'application/json',
    });
    expect(malformed.statusCode).toBe(400);
    expect((await userRow(keel, customer.email))?.passwordHash).toBe(before);
    expect(await auditCount(keel)).toBe(auditBefore);
  });
});
