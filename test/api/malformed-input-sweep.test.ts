import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { resourceKinds } from '../../server/src/resource-kinds.js';
import { testApp } from '../helpers/app.js';
import { insertFinishedBackup } from '../helpers/backups.js';
import { makeCustomer } from '../helpers/customer-factory.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeReseller } from '../helpers/reseller-factory.js';
import { sampleResources } from '../helpers/sample-resources.js';

/**
 * Every route the OpenAPI document describes (so a new route is swept without a line here), sent
 * what no client should send: bodies that are not objects, broken JSON, other content types,
 * unknown and over-long ids, over-long strings and invisible characters. None may answer 500,
 * and every refusal must be a problem document.
 */

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  body: Json | undefined;
}

const unknownId = '0190c3a5-7e1c-7000-8000-00000000dead';
const longText = 'x'.repeat(70_000);
const invisibleText = 'Acme \u202Emoc.elpmaxe\u200B\u2028';

/** The kind of object a `{param}` names, by the segments before it, as in `customers/databases`. */
function kindOf(path: string, param: string): string {
  const segments = path.replace(/^\/api\/v1\//, '').split('/');
  const at = segments.indexOf(`{${param}}`);
  return segments
    .slice(0, at)
    .filter((segment) => !segment.startsWith('{'))
    .join('/');
}

const acceptsString = (schema: Json): boolean =>
  schema.type === 'string' || ((schema.anyOf as Json[] | undefined) ?? []).some(acceptsString);

/**
 * The body's own fields that take text, all set to `text`; null when it has none. Passwords are
 * left out: a secret may hold any character (NIST SP 800-63B) and is never shown.
 */
function textFields(body: Json | undefined, text: string): string | null {
  const properties = Object.entries((body?.properties ?? {}) as Record<string, Json>).filter(
    ([name, schema]) => acceptsString(schema) && !/password/i.test(name),
  );
  if (properties.length === 0) return null;
  return JSON.stringify(Object.fromEntries(properties.map(([name]) => [name, text])));
}

describe('a sweep of malformed input over every route', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const document = (await admin.get('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Json }> } }>>;
  };
  const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      body: operation.requestBody?.content['application/json']?.schema,
    })),
  );

  // Real objects of every kind, so malformed bodies also reach routes whose objects exist.
  const customer = await makeCustomer(keel);
  const created = async (path: string, body: Json) => {
    const response = await admin.post(path, body);
    if (response.statusCode !== 201) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const realIds: Record<string, string> = {
    customers: customer.id,
    ...Object.fromEntries(
      await Promise.all(
        resourceKinds.map(async ({ kind }) => [
          `customers/${kind.path}`,
          await sampleResources[kind.noun].make(keel, customer.id),
        ]),
      ),
    ),
    'customers/backups': await insertFinishedBackup(keel, customer.id),
    resellers: (await makeReseller(keel)).id,
    packages: (await makePackage(keel, {})).id,
    servers: (await created('/servers', { name: 'Sweep server', roles: ['web'] })).server.id,
    'auth/tokens': (await created('/auth/tokens', { name: 'sweep' })).apiToken.id,
  };

  const urlOf = (operation: Operation, ids: 'real' | 'unknown' | 'long') =>
    operation.path.replace(/\{(\w+)\}/g, (_, param: string) => {
      if (ids === 'long') return 'a'.repeat(300);
      return (ids === 'real' && realIds[kindOf(operation.path, param)]) || unknownId;
    });

  const send = (options: InjectOptions) =>
    admin.raw({ ...options, headers: { ...authHeaders(), ...options.headers } });
  const authHeaders = () => ({ cookie: admin.cookie as string, 'x-csrf-token': admin.csrfToken as string });

  const expectNoServerErrorAndProblems = (label: string, response: LightMyRequestResponse) => {
    expect(response.statusCode, `${label}: ${response.body}`).toBeLessThan(500);
    if (response.statusCode < 400) return;
    expect(response.headers['content-type'], label).toMatch(/^application\/problem\+json/);
    expect(response.json(), label).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status: response.statusCode,
    });
  };

  it('reads the routes from the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(40);
    for (const operation of operations) {
      for (const match of operation.path.matchAll(/\{(\w+)\}/g)) {
        expect(realIds, `${operation.path}: add an object of this kind to the sweep`).toHaveProperty([
          kindOf(operation.path, match[1] as string),
        ]);
      }
    }
  });

  const bodies: [string, string, string][] = [
    ['a null body', 'application/json', 'null'],
    ['an array body', 'application/json', '[{"name": "x"}]'],
    ['a number body', 'application/json', '42'],
    ['a string body', 'application/json', '"suspend"'],
    ['broken JSON', 'application/json', '{"name": '],
    ['an empty JSON body', 'application/json', ''],
    ['a form body', 'application/x-www-form-urlencoded', 'name=x'],
    ['a text body', 'text/plain', '{}'],
    ['a body with no content type', '', '{}'],
  ];

  it('refuses bodies that are not JSON objects on every route that takes a body, with a problem', async () => {
    for (const operation of operations.filter(({ method }) => method !== 'GET')) {
      for (const ids of ['real', 'unknown'] as const) {
        for (const [what, contentType, payload] of bodies) {
          const label = `${operation.method} ${operation.path} (${ids} ids) with ${what}`;
          const response = await send({
            method: operation.method as InjectOptions['method'],
            url: urlOf(operation, ids),
            payload,
            headers: contentType ? { 'content-type': contentType } : {},
          });
          expectNoServerErrorAndProblems(label, response);
          expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
          if (ids === 'unknown' && operation.path.includes('{')) expect(response.statusCode, label).toBe(404);
        }
      }
    }
    // Thousands of requests, one at a time: the default 30 s is too short on a loaded CI machine.
  }, 120_000);

  it('refuses over-long strings and invisible characters in every text field', async () => {
    for (const operation of operations.filter(({ method }) => method !== 'GET')) {
      for (const text of [longText, invisibleText]) {
        const payload = textFields(operation.body, text);
        if (payload === null) continue;
        const label = `${operation.method} ${operation.path} with ${text.length > 100 ? 'over-long' : 'invisible'} text`;
        const response = await send({
          method: operation.method as InjectOptions['method'],
          url: urlOf(operation, 'real'),
          payload,
          headers: { 'content-type': 'application/json' },
        });
        expectNoServerErrorAndProblems(label, response);
        expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
      }
    }
  });

  it('answers unknown, malformed and over-long ids, and hostile queries, with problems', async () => {
    for (const operation of operations) {
      const method = operation.method as InjectOptions['method'];
      if (operation.path.includes('{')) {
        for (const kind of ['unknown', 'long'] as const) {
          const url = urlOf(operation, kind);
          const label = `${operation.method} ${url.slice(0, 80)}`;
          const response = await send({
            method,
            url,
            ...(operation.method === 'GET' ? {} : { payload: {} }),
          });
          expectNoServerErrorAndProblems(label, response);
          expect(response.statusCode, label).toBe(kind === 'long' ? 414 : 404);
        }
        const malformed = operation.path.replace(/\{\w+\}/g, "1'%20OR%20'1'='1");
        expectNoServerErrorAndProblems(malformed, await send({ method, url: malformed, payload: {} }));
      }
      if (operation.method === 'GET') {
        for (const query of [
          `q=${encodeURIComponent(invisibleText)}`,
          `q=${'x'.repeat(5000)}`,
          'page=-1&perPage=abc&sort=%00',
          'from=0000-01-01T00:00:00Z&to=99999-01-01',
          'unknownFilter=1',
        ]) {
          const url = `${urlOf(operation, 'real')}?${query}`;
          expectNoServerErrorAndProblems(`GET ${url.slice(0, 100)}`, await send({ method, url }));
        }
      }
    }
  });

  it('answers a caller without credentials with problems on every route', async () => {
    const anonymous = keel.anonymous();
    for (const operation of operations) {
      const response = await anonymous.raw({
        method: operation.method as InjectOptions['method'],
        url: urlOf(operation, 'unknown'),
        ...(operation.method === 'GET'
          ? {}
          : { payload: 'null', headers: { 'content-type': 'application/json' } }),
      });
      expectNoServerErrorAndProblems(`anonymous ${operation.method} ${operation.path}`, response);
    }
  });
});
