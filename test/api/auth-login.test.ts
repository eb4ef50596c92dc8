import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAdmin } from '../../server/src/admins/create-admin.js';
import { sessions } from '../../server/src/db/schema/sessions.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { ApiClient } from '../helpers/client.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';

const password = 'a long and private passphrase';

describe('login', async () => {
  const keel = await testApp();
  const { admin } = await createAdmin(keel.system, {
    email: 'Ada@Example.test',
    name: 'Ada Admin',
    password,
  });
  // Each test signs in from an address of its own, so the per-address throttle stays out of the way.
  let address = 0;
  const from = () => `192.0.2.${++address}`;
  const login = (body: unknown, headers: Record<string, string> = {}) =>
    keel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: body as object,
      remoteAddress: from(),
      headers,
    });

  it('signs in with 200, the user, a CSRF token and an HttpOnly SameSite=Lax session cookie', async () => {
    const response = await login({ email: 'ada@example.test', password });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      user: { id: admin.id, email: 'ada@example.test', name: 'Ada Admin', role: 'admin' },
      csrfToken: expect.any(String),
      impersonator: null,
      passwordChangeRequired: false,
      twoFactorSetupRequired: false,
    });
    expect(Buffer.from(body.csrfToken, 'base64url')).toHaveLength(32);
    const [cookie] = response.cookies;
    expect(cookie).toMatchObject({ name: 'keel_session', httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(Buffer.from(cookie?.value ?? '', 'base64url')).toHaveLength(32);
  });

  it('stores only the SHA-256 of the session token, and a new token at every login', async () => {
    const first = await login({ email: 'ada@example.test', password });
    const second = await login({ email: 'ada@example.test', password });
    const tokens = [first, second].map((response) => response.cookies[0]?.value as string);
    expect(tokens[0]).not.toBe(tokens[1]);
    for (const token of tokens) {
      const digest = createHash('sha256').update(token).digest('hex');
      const [row] = await keel.handle.db.select().from(sessions).where(eq(sessions.tokenHash, digest));
      expect(row?.userId).toBe(admin.id);
      const all = await keel.handle.db.select().from(sessions);
      expect(JSON.stringify(all)).not.toContain(token);
    }
  });

  it('takes the email in any case and with spaces around it', async () => {
    expect((await login({ email: '  ADA@example.TEST ', password })).statusCode).toBe(200);
  });

  it('takes the password in another Unicode form, but never a truncated one', async () => {
    const unicode = 'crème brûlée für alle Gäste';
    // bcrypt would stop at 72 bytes; argon2id must see every character.
    const long = 'correct horse battery staple '.repeat(5).slice(0, 120);
    await createAdmin(keel.system, { email: 'unicode@example.test', password: unicode });
    await createAdmin(keel.system, { email: 'long@example.test', password: long });
    expect(
      (await login({ email: 'unicode@example.test', password: unicode.normalize('NFD') })).statusCode,
    ).toBe(200);
    expect((await login({ email: 'long@example.test', password: long })).statusCode).toBe(200);
    expect((await login({ email: 'long@example.test', password: long.slice(0, 72) })).statusCode).toBe(401);
  });

  it('answers unknown email and wrong password with the same 401, in similar time', async () => {
    const timed = async (body: object) => {
      const started = performance.now();
      const response = await login(body);
      return { response, ms: performance.now() - started };
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 4; i++) {
      const a = await timed({ email: `nobody${i}@example.test`, password });
      const b = await timed({ email: 'timing@example.test', password: `wrong password ${i}` });
      expect(a.response.statusCode).toBe(401);
      expect(b.response.statusCode).toBe(401);
      expect(a.response.json()).toEqual(b.response.json());
      expect(a.response.headers['content-type']).toBe(b.response.headers['content-type']);
      unknown.push(a.ms);
      wrong.push(b.ms);
    }
    const median = (values: number[]) =>
      [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
    // Both verify an argon2id hash; without the decoy an unknown email would answer far faster.
    expect(median(unknown)).toBeGreaterThan(median(wrong) / 3);
    expect(median(unknown)).toBeLessThan(median(wrong) * 3);
  });

  it('audits every login and failed login with address and user agent, never the password', async () => {
    await login({ email: 'ada@example.test', password }, { 'user-agent': 'audit-check/1.0' });
    await login(
      { email: 'ada@example.test', password: 'not the right one at all' },
      { 'user-agent': 'audit-check/1.0' },
    );
    await login({ email: 'ghost@example.test', password: 'whatever it may be' });
    const logins = await auditedAs(keel, 'auth.login');
    const latest = logins.at(-1);
    expect(latest).toMatchObject({
      actorId: admin.id,
      actorRole: 'admin',
      targetType: 'user',
      targetId: admin.id,
      userAgent: 'audit-check/1.0',
    });
    expect(latest?.ip).toMatch(/^192\.0\.2\./);
    const failures = await auditedAs(keel, 'auth.login_failed');
    expect(failures.slice(-2)).toMatchObject([
      {
        actorId: null,
        actorRole: 'anonymous',
        targetId: admin.id,
        details: { email: 'ada@example.test', reason: 'wrong email or password' },
      },
      {
        actorId: null,
        targetId: null,
        details: { email: 'ghost@example.test', reason: 'wrong email or password' },
      },
    ]);
    const everything = JSON.stringify([...logins, ...failures]);
    expect(everything).not.toContain(password);
    expect(everything).not.toContain('not the right one at all');
  });

  it('tells a suspended or deleted customer so only when the password is right', async () => {
    const suspended = await makeCustomerOf(keel, null, { status: 'suspended' });
    const deleted = await makeCustomerOf(keel, null, { status: 'deleted' });
    const right = await login({ email: suspended.email, password: suspended.password });
    expect(right.statusCode).toBe(403);
    expect(right.json().type).toMatch(/account-suspended$/);
    expect(right.cookies).toHaveLength(0);
    const gone = await login({ email: deleted.email, password: deleted.password });
    expect(gone.statusCode).toBe(403);
    expect(gone.json().type).toMatch(/account-deleted$/);
    for (const customer of [suspended, deleted]) {
      const wrong = await login({ email: customer.email, password: 'wrong password for them' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().type).toMatch(/invalid-credentials$/);
    }
    const failures = await auditedAs(keel, 'auth.login_failed');
    expect(failures.map((event) => event.details)).toEqual(
      expect.arrayContaining([
        { email: suspended.email, reason: 'account suspended' },
        { email: deleted.email, reason: 'account deleted' },
      ]),
    );
  });

  const malformed: [string, unknown][] = [
    ['no password', { email: 'ada@example.test' }],
    ['an empty email', { email: '', password }],
    ['a number as password', { email: 'ada@example.test', password: 123456789012345 }],
    ['an extra field', { email: 'ada@example.test', password, remember: true }],
    ['a password over 1 KiB', { email: 'ada@example.test', password: 'p'.repeat(1025) }],
    ['an array', [{ email: 'ada@example.test', password }]],
  ];
  it.each(malformed)('answers a login with %s with 400 and no session', async (_, body) => {
    const response = await login(body);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.cookies).toHaveLength(0);
  });

  it('needs no CSRF header to sign in, having no session yet', async () => {
    const client = new ApiClient(keel.app);
    const response = await client.post('/auth/login', { email: 'ada@example.test', password });
    expect(response.statusCode).toBe(200);
  });
});

describe('the session cookie over HTTPS', async () => {
  const keel = await testApp({ trustedProxies: ['127.0.0.1'] });
  const { admin } = await createAdmin(keel.system, { email: 'tls@example.test', password });
  const login = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
    keel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'tls@example.test', password },
      headers,
      remoteAddress,
    });

  it('is Secure with the __Host- prefix when a trusted proxy says the request came over HTTPS', async () => {
    const response = await login({ 'x-forwarded-proto': 'https' });
    const [cookie] = response.cookies;
    expect(cookie).toMatchObject({ name: '__Host-keel_session', secure: true, httpOnly: true, path: '/' });
    expect(cookie?.domain).toBeUndefined();
    const session = await keel.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      cookies: { '__Host-keel_session': cookie?.value as string },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(session.json().user.id).toBe(admin.id);
  });

  it('ignores X-Forwarded-Proto from anyone but the trusted proxy', async () => {
    const response = await login({ 'x-forwarded-proto': 'https' }, '198.51.100.7');
    expect(response.cookies[0]).toMatchObject({ name: 'keel_session' });
    expect(response.cookies[0]?.secure).toBeFalsy();
  });
});
