import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAdmin } from '../../server/src/admins/create-admin.js';
import { recoveryCodes } from '../../server/src/two-factor/recovery-codes.table.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';
import { codeOf, turnOnTwoFactor } from '../helpers/authenticator.js';
import { ApiClient } from '../helpers/client.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

const password = 'a long and private passphrase';
let made = 0;

describe('two-factor sign-in', async () => {
  const keel = await testApp();
  const { db } = keel.handle;

  /** A new admin signed in with its password, and the way to sign it in again. */
  async function signedInAdmin() {
    made += 1;
    const email = `two-factor-${made}@example.test`;
    await createAdmin(keel.system, { email, password });
    const signIn = (body: Record<string, string> = {}, remoteAddress = '192.0.2.10') => {
      const client = new ApiClient(keel.app);
      return {
        client,
        response: client.raw({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email, password, ...body },
          remoteAddress,
        }),
      };
    };
    return { email, client: await keel.login(email, password), signIn };
  }

  /** A client holding the session a login answer set. */
  const holding = (response: Awaited<ReturnType<ApiClient['raw']>>) => {
    const client = new ApiClient(keel.app);
    const cookie = response.cookies.find((set) => set.name.endsWith('keel_session'));
    client.cookie = cookie ? `${cookie.name}=${cookie.value}` : null;
    client.csrfToken = response.json().csrfToken ?? null;
    return client;
  };

  it('sets up with an otpauth:// URL, enables with a code and shows ten recovery codes once, stored hashed', async () => {
    const { client } = await signedInAdmin();
    expect((await client.get('/auth/2fa')).json()).toEqual({
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });
    const setup = await client.post('/auth/2fa/setup');
    expect(setup.statusCode).toBe(200);
    expect(setup.headers['cache-control']).toBe('no-store');
    const { secret, otpauthUrl } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Keel');

    // Not yet in force: the password alone still signs in.
    expect((await client.get('/auth/2fa')).json().enabled).toBe(false);
    const wrong = await client.post('/auth/2fa/enable', { code: codeOf(keel, secret, 10 * 60_000) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([{ field: 'code', message: expect.any(String) }]);

    const enabled = await client.post('/auth/2fa/enable', { code: codeOf(keel, secret) });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.headers['cache-control']).toBe('no-store');
    const codes: string[] = enabled.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const status = (await client.get('/auth/2fa')).json();
    expect(status).toEqual({ enabled: true, enabledAt: expect.any(String), recoveryCodesLeft: 10 });
    // Shown once: the status, a second enable and the stored rows never give them back.
    expect(JSON.stringify(status)).not.toContain(codes[0]);
    expect((await client.post('/auth/2fa/enable', { code: codeOf(keel, secret) })).statusCode).toBe(409);
    expect((await client.post('/auth/2fa/setup')).statusCode).toBe(409);
    const user = (await client.get('/auth/session')).json().user;
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.codeHash).toMatch(/^\$argon2id\$/);
      for (const code of codes) expect(row.codeHash).not.toContain(code.replace('-', ''));
    }
    const events = (await auditedAs(keel, 'auth.two_factor_enabled')).filter(
      (event) => event.actorId === user.id,
    );
    expect(events).toHaveLength(1);
    expect(
      (await auditedAs(keel, 'auth.two_factor_setup_started')).some((event) => event.actorId === user.id),
    ).toBe(true);
  });

  it('asks for a code after the right password, with no session, and signs in with it', async () => {
    const { client, signIn } = await signedInAdmin();
    const { secret } = await turnOnTwoFactor(keel, client);
    const first = await signIn().response;
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ twoFactorRequired: true });
    expect(first.headers['set-cookie']).toBeUndefined();
    // A wrong password is refused as before, whatever the second factor.
    const wrongPassword = await new ApiClient(keel.app).post('/auth/login', {
      email: (await client.get('/auth/session')).json().user.email,
      password: 'not the password at all',
      code: codeOf(keel, secret),
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.json().type).toMatch(/invalid-credentials$/);

    const second = await signIn({ code: codeOf(keel, secret) }).response;
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ user: { role: 'admin' }, twoFactorSetupRequired: false });
    expect((await holding(second).get('/customers')).statusCode).toBe(200);
    const [login] = (await auditedAs(keel, 'auth.login')).slice(-1);
    expect(login?.details).toEqual({ secondFactor: 'authenticator code' });
  });

  it('refuses a code used once, even within its window, and takes the next one', async () => {
    const { client, signIn } = await signedInAdmin();
    const { secret } = await turnOnTwoFactor(keel, client);
    const code = codeOf(keel, secret);
    expect((await signIn({ code }).response).statusCode).toBe(200);
    const replayed = await signIn({ code }).response;
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().type).toMatch(/invalid-two-factor-code$/);
    expect(replayed.headers['set-cookie']).toBeUndefined();
    // The code of the step before, still inside the drift allowance, is no way around it.
    keel.clock.advance(30_000);
    expect((await signIn({ code }).response).statusCode).toBe(401);
    expect((await signIn({ code: codeOf(keel, secret) }).response).statusCode).toBe(200);
  });

  it('signs in with a recovery code once; the same code a second time is refused', async () => {
    const { client, signIn } = await signedInAdmin();
    const { recoveryCodes: codes } = await turnOnTwoFactor(keel, client);
    const [code, other] = codes as [string, string];
    const used = await signIn({ recoveryCode: code.toUpperCase() }).response;
    expect(used.statusCode).toBe(200);
    const session = holding(used);
    expect((await session.get('/auth/2fa')).json().recoveryCodesLeft).toBe(9);
    const again = await signIn({ recoveryCode: code }).response;
    expect(again.statusCode).toBe(401);
    expect(again.json().type).toMatch(/invalid-two-factor-code$/);
    expect((await signIn({ recoveryCode: other }).response).statusCode).toBe(200);
    const [login] = (await auditedAs(keel, 'auth.login')).slice(-1);
    expect(login?.details).toEqual({ secondFactor: 'recovery code' });
    // Both kinds at once is a malformed request.
    expect((await signIn({ recoveryCode: codes[2] as string, code: '123456' }).response).statusCode).toBe(
      400,
    );
  });

  it('throttles wrong codes like wrong passwords, and the right password alone does not reset the count', async () => {
    const { client, email, signIn } = await signedInAdmin();
    const { secret } = await turnOnTwoFactor(keel, client);
    const wrongCode = codeOf(keel, secret, 5 * 60_000);
    for (let i = 1; i <= 5; i++) {
      expect((await signIn({}, '198.51.100.7').response).json()).toEqual({ twoFactorRequired: true });
      expect((await signIn({ code: wrongCode }, '198.51.100.7').response).statusCode).toBe(401);
    }
    const limited = await signIn({ code: codeOf(keel, secret) }, '198.51.100.7').response;
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    const failures = (await auditedAs(keel, 'auth.login_failed')).filter(
      (event) => (event.details as { email?: string }).email === email,
    );
    expect(failures.map((event) => (event.details as { reason: string }).reason)).toEqual([
      ...Array(5).fill('wrong two-factor code'),
      'rate limited',
    ]);
    keel.clock.advance(1_000);
    expect((await signIn({ code: codeOf(keel, secret) }, '198.51.100.7').response).statusCode).toBe(200);
  });

  it('ends the other sessions when it is turned on, which never passed a second factor', async () => {
    const { client, signIn } = await signedInAdmin();
    const elsewhere = holding(await signIn().response);
    expect((await elsewhere.get('/auth/session')).statusCode).toBe(200);
    await turnOnTwoFactor(keel, client);
    expect((await elsewhere.get('/auth/session')).statusCode).toBe(401);
    expect((await client.get('/auth/session')).statusCode).toBe(200);
  });

  it('turns off only with the password and a code, throttled, and audited', async () => {
    const { client, signIn } = await signedInAdmin();
    const { secret, recoveryCodes: codes } = await turnOnTwoFactor(keel, client);
    const user = (await client.get('/auth/session')).json().user;
    expect((await client.post('/auth/2fa/disable', { password })).statusCode).toBe(400);
    const wrongPassword = await client.post('/auth/2fa/disable', {
      password: 'not it at all',
      code: codeOf(keel, secret),
    });
    expect(wrongPassword.statusCode).toBe(422);
    expect(wrongPassword.json().errors[0].field).toBe('password');
    const wrongCode = await client.post('/auth/2fa/disable', {
      password,
      code: codeOf(keel, secret, 5 * 60_000),
    });
    expect(wrongCode.statusCode).toBe(422);
    expect(wrongCode.json().errors[0].field).toBe('code');
    expect((await client.get('/auth/2fa')).json().enabled).toBe(true);
    const refused = (await auditedAs(keel, 'auth.two_factor_disable_refused')).filter(
      (event) => event.actorId === user.id,
    );
    expect(refused.map((event) => event.details)).toEqual([
      { reason: 'wrong password' },
      { reason: 'wrong code' },
    ]);

    const elsewhere = holding(await signIn({ recoveryCode: codes[0] as string }).response);
    const off = await client.post('/auth/2fa/disable', { password, recoveryCode: codes[1] });
    expect(off.statusCode).toBe(204);
    expect((await client.get('/auth/2fa')).json()).toEqual({
      enabled: false,
      enabledAt: null,
      recoveryCodesLeft: 0,
    });
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
    expect((await elsewhere.get('/auth/session')).statusCode).toBe(401);
    const signedIn = await signIn().response;
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.id).toBe(user.id);
    expect(
      (await client.post('/auth/2fa/disable', { password, code: codeOf(keel, secret) })).statusCode,
    ).toBe(409);
    const [event] = (await auditedAs(keel, 'auth.two_factor_disabled')).filter(
      (row) => row.actorId === user.id,
    );
    expect(event?.details).toEqual({ with: 'recovery code' });
  });

  it('backs off repeated wrong tries to turn it off from a taken-over session', async () => {
    const { client } = await signedInAdmin();
    const { secret } = await turnOnTwoFactor(keel, client);
    for (let i = 0; i < 5; i++) {
      const guess = await client.post('/auth/2fa/disable', {
        password,
        code: codeOf(keel, secret, (i + 3) * 60_000),
      });
      expect(guess.statusCode).toBe(422);
    }
    const limited = await client.post('/auth/2fa/disable', { password, code: codeOf(keel, secret) });
    expect(limited.statusCode).toBe(429);
    expect((await client.get('/auth/2fa')).json().enabled).toBe(true);
  });

  it('works for resellers and customers alike', async () => {
    const reseller = await makeReseller(keel);
    const customer = await makeCustomerOf(keel, reseller.id);
    for (const account of [reseller, customer]) {
      const client = await account.login();
      const { secret } = await turnOnTwoFactor(keel, client);
      const anonymous = new ApiClient(keel.app);
      expect(
        (await anonymous.post('/auth/login', { email: account.email, password: account.password })).json(),
      ).toEqual({ twoFactorRequired: true });
      const signedIn = await anonymous.post('/auth/login', {
        email: account.email,
        password: account.password,
        code: codeOf(keel, secret),
      });
      expect(signedIn.statusCode).toBe(200);
      expect((await anonymous.get('/auth/session')).json().user.email).toBe(account.email);
    }
  });

  it("does not let an impersonator change the customer's two-factor sign-in", async () => {
    const admin = await keel.admin();
    const customer = await makeCustomerOf(keel, null);
    expect((await admin.post(`/customers/${customer.id}/impersonate`, {})).statusCode).toBe(200);
    const refused = await admin.post('/auth/2fa/setup');
    expect(refused.statusCode).toBe(403);
    expect((await admin.get('/auth/2fa')).statusCode).toBe(403);
    expect((await keel.login(customer.email, customer.password)).cookie).not.toBeNull();
  });
});
