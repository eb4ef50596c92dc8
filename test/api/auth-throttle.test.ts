import { describe, expect, it } from 'vitest';
import { createAdmin } from '../../server/src/admins/create-admin.js';
import { loginThrottle } from '../../server/src/auth/login-throttle.table.js';
import { testApp } from '../helpers/app.js';
import { auditedAs } from '../helpers/audit-log.js';

const password = 'a long and private passphrase';

describe('login throttling', async () => {
  const keel = await testApp();
  await createAdmin(keel.system, { email: 'target@example.test', password });
  const attempt = (
    email: string,
    secret: string,
    remoteAddress: string,
    headers: Record<string, string> = {},
  ) =>
    keel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: secret },
      remoteAddress,
      headers,
    });

  it('backs off an account guessed from one address after five failures, and recovers', async () => {
    for (let i = 1; i <= 5; i++) {
      expect((await attempt('target@example.test', `wrong ${i} password`, '198.51.100.1')).statusCode).toBe(
        401,
      );
    }
    const limited = await attempt('target@example.test', password, '198.51.100.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, type: expect.stringMatching(/rate-limited$/) });
    keel.clock.advance(1_000);
    expect((await attempt('target@example.test', 'wrong 6 password', '198.51.100.1')).statusCode).toBe(401);
    // Each further failure doubles the wait: back off, never lock out for good.
    expect((await attempt('target@example.test', password, '198.51.100.1')).headers['retry-after']).toBe('2');
    keel.clock.advance(2_000);
    expect((await attempt('target@example.test', password, '198.51.100.1')).statusCode).toBe(200);
    // Success clears the count.
    expect((await attempt('target@example.test', 'wrong again', '198.51.100.1')).statusCode).toBe(401);
    expect((await attempt('target@example.test', password, '198.51.100.1')).statusCode).toBe(200);
    const rateLimited = (await auditedAs(keel, 'auth.login_failed')).filter(
      (event) => (event.details as { reason?: string }).reason === 'rate limited',
    );
    expect(rateLimited.length).toBe(2);
  });

  it('does not shut the real user out while someone guesses its password elsewhere', async () => {
    await createAdmin(keel.system, { email: 'victim@example.test', password });
    for (let i = 0; i < 5; i++) await attempt('victim@example.test', `guess ${i}`, '198.51.100.66');
    expect((await attempt('victim@example.test', password, '198.51.100.66')).statusCode).toBe(429);
    expect((await attempt('victim@example.test', password, '198.51.100.67')).statusCode).toBe(200);
  });

  it('slows guessing spread over many addresses to one try a minute at most', async () => {
    await createAdmin(keel.system, { email: 'botnet-target@example.test', password });
    for (let i = 0; i < 20; i++) {
      expect((await attempt('botnet-target@example.test', `guess ${i}`, `10.1.0.${i}`)).statusCode).toBe(401);
    }
    const limited = await attempt('botnet-target@example.test', password, '10.1.1.1');
    expect(limited.statusCode).toBe(429);
    let longest = 0;
    for (let i = 0; i < 24; i++) {
      const response = await attempt('botnet-target@example.test', `more ${i}`, `10.2.0.${i}`);
      if (response.statusCode === 429) {
        longest = Math.max(longest, Number(response.headers['retry-after']));
        keel.clock.advance(Number(response.headers['retry-after']) * 1000);
      }
    }
    expect(longest).toBe(60);
    keel.clock.advance(60_000);
    expect((await attempt('botnet-target@example.test', password, '10.3.0.1')).statusCode).toBe(200);
  });

  it('caps the wait for one address on one account at 15 minutes', async () => {
    await createAdmin(keel.system, { email: 'capped@example.test', password });
    let retryAfter = 0;
    for (let i = 0; i < 30; i++) {
      const response = await attempt('capped@example.test', `wrong ${i}`, '198.51.100.200');
      if (response.statusCode === 429) {
        retryAfter = Number(response.headers['retry-after']);
        keel.clock.advance(retryAfter * 1000);
      }
    }
    expect(retryAfter).toBe(900);
    keel.clock.advanceMinutes(16);
    expect((await attempt('capped@example.test', password, '198.51.100.200')).statusCode).toBe(200);
  });

  it('backs off per client address across accounts, and other addresses are unaffected', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await attempt(`spray${i}@example.test`, 'guess', '203.0.113.10')).statusCode).toBe(401);
    }
    expect((await attempt('spray-next@example.test', 'guess', '203.0.113.10')).statusCode).toBe(429);
    await createAdmin(keel.system, { email: 'bystander@example.test', password });
    expect((await attempt('bystander@example.test', password, '203.0.113.11')).statusCode).toBe(200);
  });

  it('is not fooled by a forged X-Forwarded-For without a trusted proxy', async () => {
    for (let i = 0; i < 20; i++) {
      await attempt(`forge${i}@example.test`, 'guess', '203.0.113.20', { 'x-forwarded-for': `10.0.0.${i}` });
    }
    const response = await attempt('forge-next@example.test', 'guess', '203.0.113.20', {
      'x-forwarded-for': '10.9.9.9',
    });
    expect(response.statusCode).toBe(429);
    const [event] = (await auditedAs(keel, 'auth.login_failed')).filter(
      (row) => (row.details as { email?: string }).email === 'forge0@example.test',
    );
    expect(event?.ip).toBe('203.0.113.20');
  });

  it("neither counts a right password against its address nor resets the address's count", async () => {
    await createAdmin(keel.system, { email: 'office@example.test', password });
    for (let i = 0; i < 19; i++) {
      expect((await attempt(`office${i}@example.test`, 'guess', '203.0.113.40')).statusCode).toBe(401);
    }
    expect((await attempt('office@example.test', password, '203.0.113.40')).statusCode).toBe(200);
    expect((await attempt('office-last@example.test', 'guess', '203.0.113.40')).statusCode).toBe(401);
    expect((await attempt('office@example.test', password, '203.0.113.40')).statusCode).toBe(429);
  });

  it('forgets the counts of failures older than their window', async () => {
    for (let i = 0; i < 3; i++) await attempt('forgotten@example.test', `guess ${i}`, '198.51.100.99');
    // Kept per account from the address, per account, and per address.
    const counts = async () =>
      (await keel.handle.db.select().from(loginThrottle)).filter(
        (row) => row.key.includes('forgotten@example.test') || row.key.includes('198.51.100.99'),
      );
    expect((await counts()).map((row) => row.failures)).toEqual([3, 3, 3]);
    keel.clock.advanceMinutes(16);
    await attempt('someone-else@example.test', 'guess', '198.51.100.100');
    expect(await counts()).toEqual([]);
  });
});

describe('login throttling behind a trusted proxy', async () => {
  const keel = await testApp({ trustedProxies: ['127.0.0.1'] });
  await createAdmin(keel.system, { email: 'proxied@example.test', password });
  const viaProxy = (email: string, secret: string, client: string) =>
    keel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: secret },
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': client },
    });

  it('throttles and audits the client address the proxy reports', async () => {
    for (let i = 0; i < 20; i++) await viaProxy(`bot${i}@example.test`, 'guess', '192.0.2.50');
    expect((await viaProxy('bot-next@example.test', 'guess', '192.0.2.50')).statusCode).toBe(429);
    expect((await viaProxy('proxied@example.test', password, '192.0.2.51')).statusCode).toBe(200);
    const [login] = await auditedAs(keel, 'auth.login');
    expect(login?.ip).toBe('192.0.2.51');
  });
});

describe('login throttling shared by two Keel processes on one database', async () => {
  const first = await testApp();
  // The second process's own app over the same database; the first closes the database.
  const second = await testApp({ handle: { ...first.handle, close: async () => {} } });
  await createAdmin(first.system, { email: 'shared@example.test', password });
  const attempt = (keel: typeof first, email: string, secret: string, remoteAddress: string) =>
    keel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: secret },
      remoteAddress,
    });

  it('counts failures seen by one process in the other', async () => {
    for (const [i, keel] of [first, second, first, second, first].entries()) {
      expect((await attempt(keel, 'shared@example.test', `wrong ${i}`, '198.51.100.30')).statusCode).toBe(
        401,
      );
    }
    for (const keel of [first, second]) {
      const limited = await attempt(keel, 'shared@example.test', password, '198.51.100.30');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('1');
    }
    for (let i = 0; i < 20; i++) {
      const keel = i % 2 === 0 ? first : second;
      expect((await attempt(keel, `sprayed${i}@example.test`, 'guess', '203.0.113.30')).statusCode).toBe(401);
    }
    expect((await attempt(first, 'sprayed-next@example.test', 'guess', '203.0.113.30')).statusCode).toBe(429);
    expect((await attempt(second, 'sprayed-next@example.test', 'guess', '203.0.113.30')).statusCode).toBe(
      429,
    );
  });

  it('lets exactly five of twenty simultaneous wrong guesses through, spread over both', async () => {
    await createAdmin(first.system, { email: 'rushed@example.test', password });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        attempt(i % 2 === 0 ? first : second, 'rushed@example.test', `wrong ${i}`, '198.51.100.31'),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    const rateLimited = (await auditedAs(first, 'auth.login_failed')).filter(
      (event) =>
        (event.details as { email?: string }).email === 'rushed@example.test' &&
        (event.details as { reason?: string }).reason === 'rate limited',
    );
    expect(rateLimited).toHaveLength(15);
  });

  it('lets the right password through only once the shared wait is over, then starts over', async () => {
    await createAdmin(first.system, { email: 'patient@example.test', password });
    for (let i = 0; i < 5; i++) await attempt(first, 'patient@example.test', `wrong ${i}`, '198.51.100.32');
    expect((await attempt(second, 'patient@example.test', password, '198.51.100.32')).statusCode).toBe(429);
    second.clock.advance(1_000);
    expect((await attempt(second, 'patient@example.test', password, '198.51.100.32')).statusCode).toBe(200);
    // The success on the second process cleared the count the first one sees.
    for (let i = 0; i < 5; i++) {
      expect((await attempt(first, 'patient@example.test', `again ${i}`, '198.51.100.32')).statusCode).toBe(
        401,
      );
    }
  });
});
