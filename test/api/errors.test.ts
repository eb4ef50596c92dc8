import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { settings } from '../../server/src/db/schema/settings.js';
import { pathObjectsPlugin } from '../../server/src/http/plugins/path-objects.js';
import { packagePath } from '../../server/src/package-root.js';
import { testApp } from '../helpers/app.js';
import { customerRow, makeCustomer } from '../helpers/customer-factory.js';
import { makeCustomerOf, makeReseller } from '../helpers/reseller-factory.js';

const problemType = /^application\/problem\+json/;

describe('errors are problem documents', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const send = (options: {
    method: 'GET' | 'POST' | 'PUT' | 'DELETE';
    url: string;
    payload?: string;
    headers?: Record<string, string>;
  }) =>
    keel.app.inject({
      ...options,
      headers: {
        cookie: admin.cookie as string,
        'x-csrf-token': admin.csrfToken as string,
        ...options.headers,
      },
    });
  const expectProblem = (response: Awaited<ReturnType<typeof send>>, status: number) => {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(problemType);
    const body = response.json();
    expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status });
    expect(response.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    return body;
  };

  it('answers an unknown API route with 404, for any method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      expectProblem(await send({ method, url: '/api/v1/no-such-thing' }), 404);
    }
    expectProblem(await send({ method: 'GET', url: '/api/v2/auth/session' }), 404);
    expectProblem(await send({ method: 'DELETE', url: '/api/v1/auth/session' }), 404);
  });

  it('answers a path it cannot decode with a 400 problem, not Fastify’s own shape', async () => {
    const body = expectProblem(await send({ method: 'GET', url: '/api/v1/customers/%E0%A4%A' }), 400);
    expect(body).not.toHaveProperty('code');
  });

  it('answers an id longer than the router keeps with a 414 problem', async () => {
    const body = expectProblem(
      await send({ method: 'GET', url: `/api/v1/customers/${'a'.repeat(300)}` }),
      414,
    );
    expect(body).not.toHaveProperty('code');
  });

  describe('on a real socket', async () => {
    await keel.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = keel.app.server.address() as { port: number };
    /** Sends raw bytes, as no HTTP client would, and reads the answer until the server closes. */
    const rawExchange = (request: string) =>
      new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        const chunks: Buffer[] = [];
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('error', reject);
        socket.on('close', () => {
          const text = Buffer.concat(chunks).toString();
          const [head = '', body = ''] = text.split('\r\n\r\n');
          resolve({
            status: Number(head.split(' ')[1]),
            contentType: /^content-type: (.*)$/im.exec(head)?.[1] ?? '',
            body,
          });
        });
      });
    const expectRawProblem = (answer: Awaited<ReturnType<typeof rawExchange>>, status: number) => {
      expect(answer.status).toBe(status);
      expect(answer.contentType).toMatch(problemType);
      expect(JSON.parse(answer.body)).toMatchObject({
        type: expect.any(String),
        title: expect.any(String),
        status,
      });
    };

    it('answers headers over the limit with a 431 problem', async () => {
      const answer = await rawExchange(
        `GET /api/v1/auth/session HTTP/1.1\r\nHost: keel\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expectRawProblem(answer, 431);
    });

    it('answers a URL over the limit with a 414 problem', async () => {
      const answer = await rawExchange(
        `GET /api/v1/audit?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: keel\r\n\r\n`,
      );
      expectRawProblem(answer, 414);
    });

    it('answers what is not HTTP with a 400 problem', async () => {
      const answer = await rawExchange('GET /api/v1/auth/session HTTP/1.1\r\nHost: keel\r\nNo Colon\r\n\r\n');
      expectRawProblem(answer, 400);
    });
  });

  it('answers malformed JSON with 400', async () => {
    const body = expectProblem(
      await send({
        method: 'PUT',
        url: '/api/v1/settings/platform',
        payload: '{"permanentDeleteAfterDays": ',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    );
    expect(body.detail).toBeTruthy();
  });

  it('answers a body that is not JSON with 415', async () => {
    expectProblem(
      await send({
        method: 'PUT',
        url: '/api/v1/settings/platform',
        payload: 'permanentDeleteAfterDays=0',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
    );
  });

  it('answers a body over 1 MiB with 413 and changes nothing', async () => {
    const before = await keel.handle.db.select().from(settings);
    const huge = JSON.stringify({ permanentDeleteAfterDays: 1, padding: 'x'.repeat(1024 * 1024) });
    expectProblem(
      await send({
        method: 'PUT',
        url: '/api/v1/settings/platform',
        payload: huge,
        headers: { 'content-type': 'application/json' },
      }),
      413,
    );
    expect(await keel.handle.db.select().from(settings)).toEqual(before);
  });

  it('answers text/plain with 415, like any body that is not JSON', async () => {
    expectProblem(
      await send({
        method: 'PUT',
        url: '/api/v1/settings/platform',
        payload: '{"permanentDeleteAfterDays": 3}',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
    );
  });

  const notObjects = ['null', '[]', '[{}]', '3', '"reason"', 'true'];
  const actionsWithOptionalBody = [
    ['POST', 'suspend'],
    ['POST', 'impersonate'],
    ['DELETE', ''],
    ['POST', 'reactivate'],
  ] as const;
  it.each(actionsWithOptionalBody)(
    'answers %s /customers/{id}/%s with a body that is not an object with 400, changing nothing',
    async (method, action) => {
      const customer = await makeCustomer(keel);
      const before = await customerRow(keel, customer.id);
      for (const payload of notObjects) {
        const body = expectProblem(
          await send({
            method,
            url: `/api/v1/customers/${customer.id}${action ? `/${action}` : ''}`,
            payload,
            headers: { 'content-type': 'application/json' },
          }),
          400,
        );
        expect(body.errors, payload).toEqual([{ field: 'body', message: expect.any(String) }]);
      }
      expect(await customerRow(keel, customer.id)).toEqual(before);
      expect((await admin.get('/auth/session')).json().impersonator).toBeNull();
    },
  );

  it('refuses a body that is not an object also where no fields are taken', async () => {
    const client = await keel.admin();
    for (const payload of notObjects) {
      const response = await client.post('/auth/logout', payload, { 'content-type': 'application/json' });
      expectProblem(response, 400);
    }
    expect((await client.get('/auth/session')).statusCode).toBe(200);
    expect((await client.post('/auth/logout', {})).statusCode).toBe(204);
  });

  describe('an unknown id is 404 whatever the body', () => {
    const unknownId = '0190c3a5-7e1c-7000-8000-00000000abcd';
    const json = { 'content-type': 'application/json' };

    it('before the password policy of a database password', async () => {
      const customer = await makeCustomer(keel);
      for (const customerId of [unknownId, customer.id]) {
        const response = await admin.post(`/customers/${customerId}/databases/${unknownId}/password`, {
          password: 'short',
        });
        expectProblem(response, 404);
      }
    });

    it('before a schema failure, malformed JSON, a null body or an oversized one', async () => {
      const bodies = [
        '{"firstName": 5}',
        '{"firstName": ',
        'null',
        '[]',
        JSON.stringify({ x: 'x'.repeat(1 << 20) }),
      ];
      for (const payload of bodies) {
        const response = await admin.patch(`/customers/${unknownId}`, payload, json);
        expect(expectProblem(response, 404).type, payload.slice(0, 20)).toMatch(/not-found$/);
      }
      const wrongType = await admin.patch(`/customers/${unknownId}`, 'firstName=Ann', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expectProblem(wrongType, 404);
    });

    it('and another tenant’s object is as unknown as one that does not exist', async () => {
      const owner = await makeReseller(keel);
      const other = await (await makeReseller(keel)).login();
      const customer = await makeCustomerOf(keel, owner.id);
      expectProblem(await other.patch(`/customers/${customer.id}`, { firstName: 7 }), 404);
      expectProblem(await other.post(`/customers/${customer.id}/suspend`, 'null', json), 404);
      // Its own reseller still learns what is wrong with the body.
      const own = await owner.login();
      expectProblem(await own.patch(`/customers/${customer.id}`, { firstName: 7 }), 400);
    });

    it('for every kind of object a path names', async () => {
      for (const path of [
        `/resellers/${unknownId}`,
        `/packages/${unknownId}`,
        `/customers/${unknownId}/websites/${unknownId}`,
        `/customers/${unknownId}/dns-zones/${unknownId}`,
      ]) {
        expectProblem(await admin.patch(path, '[]', json), 404);
      }
      expectProblem(await admin.request('DELETE', `/auth/tokens/${unknownId}`, 'null', json), 404);
    });

    it('is a rule no route escapes: ids without a lookup fail at start-up', async () => {
      const bare = Fastify();
      await bare.register(pathObjectsPlugin, { lookups: {} });
      expect(() => bare.get('/api/v1/widgets/:id', async () => ({}))).toThrow(/widgets/);
      await bare.close();
    });
  });

  it('lists every invalid field of a schema failure', async () => {
    const body = expectProblem(
      await send({
        method: 'PUT',
        url: '/api/v1/settings/security',
        payload: JSON.stringify({ passwordPolicy: { minLength: 'long' }, sessionIdleMinutes: -1, extra: 1 }),
        headers: { 'content-type': 'application/json' },
      }),
      400,
    );
    const fields = body.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['passwordPolicy.minLength', 'sessionIdleMinutes', 'sessionMaxHours', 'extra']),
    );
    for (const error of body.errors) expect(error.message).toEqual(expect.any(String));
  });

  const hostile: [string, string][] = [
    ['a prototype-polluting key', '{"__proto__": {"isAdmin": true}, "email": "a@b.c", "password": "x"}'],
    ['a constructor key', '{"constructor": {"prototype": {"x": 1}}, "email": "a@b.c", "password": "x"}'],
    ['deeply nested arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['a JSON string', '"just a string"'],
    ['null', 'null'],
    ['a NUL character in the email', '{"email": "ad\\u0000min@example.test", "password": "whatever it is"}'],
    ['a lone surrogate', '{"email": "\\ud800@example.test", "password": "whatever it is"}'],
    ['an injection-looking email', `{"email": "' OR 1=1 --", "password": "x' OR '1'='1"}`],
  ];
  it.each(hostile)('answers a login body with %s with a 4xx, never a 500', async (_, payload) => {
    const response = await keel.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload,
      headers: { 'content-type': 'application/json' },
      remoteAddress: '192.0.2.77',
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(problemType);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('answers an empty JSON body with 400', async () => {
    expectProblem(
      await keel.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '',
      }),
      400,
    );
  });

  it('answers absurd paging with 400, not a database error', async () => {
    expectProblem(await send({ method: 'GET', url: '/api/v1/audit?page=99999999999999999999' }), 400);
    expectProblem(await send({ method: 'GET', url: '/api/v1/audit?perPage=1e3' }), 400);
  });

  it.each([
    ['from', '0000-01-01T00:00:00Z'],
    ['from', '0001-01-01T00:00:00+01:00'],
    ['to', '9999-12-31T23:59:59-05:00'],
  ])('answers %s=%s, a date PostgreSQL cannot hold, with 400 naming it', async (field, date) => {
    const body = expectProblem(
      await send({ method: 'GET', url: `/api/v1/audit?${field}=${encodeURIComponent(date)}` }),
      400,
    );
    expect(body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('takes the first and last instants of years 0001 to 9999', async () => {
    const response = await send({
      method: 'GET',
      url: '/api/v1/audit?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z',
    });
    expect(response.statusCode).toBe(200);
  });

  it.runIf(existsSync(packagePath('web/dist/index.html')))(
    'serves the built web UI for deep links outside /api',
    async () => {
      const page = await keel.app.inject({ method: 'GET', url: '/customers/some/deep/link' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expectProblem(await keel.app.inject({ method: 'GET', url: '/api/customers/deep/link' }), 404);
      expectProblem(await keel.app.inject({ method: 'GET', url: '/api?x=1' }), 404);
      // A page whose path merely starts with "api" is still a page.
      const tokens = await keel.app.inject({ method: 'GET', url: '/api-tokens' });
      expect(tokens.statusCode).toBe(200);
      expect(tokens.headers['content-type']).toMatch(/text\/html/);
    },
  );
});
