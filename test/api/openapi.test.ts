import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { apiScopeNames } from '../../server/src/access/scopes.js';
import { testApp } from '../helpers/app.js';

type Json = Record<string, unknown>;

/** The operators' routes outside /api: probes and metrics, described like the API's. */
const rootOperations = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Every API route the app registered, as "METHOD /path" with OpenAPI's {param} syntax, read from
 * Fastify's route tree (each line is a path segment indented under its parent).
 */
function registeredRoutes(printed: string): string[] {
  const routes: string[] = [];
  const parents: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^([\s│]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 4;
    const parent = parents[depth - 1] ?? '';
    // A segment continues its parent's last name when it does not start a new one ("/login" "-link").
    const segment = match[2] as string;
    const path = segment.startsWith('/') ? `${parent.replace(/\/$/, '')}${segment}` : `${parent}${segment}`;
    parents[depth] = path;
    if (!path.startsWith('/api/v1/') && !rootOperations.has(path)) continue;
    for (const method of (match[3] as string).split(', ')) {
      if (method !== 'HEAD') routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes;
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refsIn(inner, found);
    }
  }
  return found;
}

describe('OpenAPI', async () => {
  const keel = await testApp();
  const response = await keel.anonymous().get('/api/openapi.json');
  const doc = response.json() as {
    openapi: string;
    paths: Record<string, Record<string, Json>>;
    components: Json;
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      key: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );

  it('serves an OpenAPI 3.1 document to anyone', () => {
    expect(response.statusCode).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components).toHaveProperty('schemas.Problem');
  });

  it('describes every registered API route and nothing else', () => {
    const registered = registeredRoutes(keel.app.printRoutes({ commonPrefix: false }));
    expect(registered.length).toBeGreaterThan(10);
    expect(operations.map((operation) => operation.key).sort()).toEqual([...new Set(registered)].sort());
  });

  it('states each route’s access rule, its security and its error responses', () => {
    for (const { key, operation } of operations) {
      expect(operation.description, key).toMatch(/Access: (public|admin|reseller|customer)/);
      expect(String(operation.description).match(/Access:/g), `${key} states its rule once`).toHaveLength(1);
      const responses = operation.responses as Record<string, Json>;
      const statuses = Object.keys(responses);
      expect(
        statuses.some((status) => status.startsWith('2')),
        key,
      ).toBe(true);
      if (String(operation.description).includes('Access: public.')) {
        expect(operation.security, key).toEqual([]);
      } else {
        const scope = operation['x-keel-scope'];
        expect(scope === null || apiScopeNames.includes(scope as never), `${key} scope ${scope}`).toBe(true);
        // /metrics also takes the operator's scraper token (KEEL_METRICS_TOKEN).
        const scraper = String(operation.description).includes('KEEL_METRICS_TOKEN')
          ? [{ metricsToken: [] }]
          : [];
        expect(operation.security, key).toEqual([
          { session: [] },
          { apiToken: scope ? [scope] : [] },
          ...scraper,
        ]);
        expect(statuses, key).toContain('401');
      }
      for (const status of statuses.filter((code) => Number(code) >= 400)) {
        expect(JSON.stringify(responses[status]), `${key} ${status}`).toContain('Problem');
      }
    }
  });

  it('names every operation with a unique, readable operationId', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    for (const [index, id] of ids.entries()) {
      expect(id, operations[index]?.key).toMatch(/^[a-z][A-Za-z]+$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const byKey = Object.fromEntries(operations.map(({ key, operation }) => [key, operation.operationId]));
    expect(byKey).toMatchObject({
      'GET /api/v1/customers': 'listCustomers',
      'POST /api/v1/customers/{id}/suspend': 'suspendCustomer',
      'GET /api/v1/customers/{id}/dns-zones': 'listDnsZones',
      'PATCH /api/v1/customers/{id}/mail-aliases/{aliasId}': 'updateMailAlias',
      'POST /api/v1/customers/{id}/login-link': 'createLoginLink',
    });
  });

  it('declares the scope billing systems need beside each customer action', () => {
    const scopeOf = (key: string) =>
      operations.find((operation) => operation.key === key)?.operation['x-keel-scope'];
    expect(scopeOf('POST /api/v1/customers/{id}/suspend')).toBe('customers:lifecycle');
    expect(scopeOf('POST /api/v1/customers')).toBe('customers:write');
    expect(scopeOf('POST /api/v1/customers/{id}/impersonate')).toBe('customers:impersonate');
    expect(scopeOf('GET /api/v1/customers/{id}/websites')).toBe('hosting:read');
    expect(scopeOf('POST /api/v1/auth/tokens')).toBeNull();
  });

  it('carries a license', () => {
    expect((doc as unknown as { info: Json }).info.license).toEqual({
      name: 'AGPL-3.0-or-later',
      identifier: 'AGPL-3.0-or-later',
    });
  });

  it('passes `redocly lint` with the recommended rules, without an error or a warning', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'keel-openapi-')), 'openapi.json');
    await writeFile(file, response.body);
    const lint = await promisify(execFile)(
      'node_modules/.bin/redocly',
      ['lint', file, '--config', 'redocly.yaml', '--format', 'json'],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
    ).catch((failed: { stdout: string }) => failed);
    const problems = (JSON.parse(lint.stdout) as { problems: { ruleId: string; message: string }[] })
      .problems;
    expect(problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
  }, 60_000);

  it('closes every request body and query to unknown fields', () => {
    for (const { key, operation } of operations) {
      const body = (operation.requestBody as { content?: Record<string, { schema: Json }> } | undefined)
        ?.content?.['application/json']?.schema;
      if (body && body.type === 'object') expect(body.additionalProperties, key).toBe(false);
    }
  });

  it('refers only to schemas it defines', () => {
    const schemas = (doc.components.schemas ?? {}) as Json;
    for (const ref of refsIn(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas, ref).toHaveProperty([ref.split('/').at(-1) as string]);
    }
  });

  it('serves a browsable reference at /api/docs', async () => {
    const docs = await keel.app.inject({ method: 'GET', url: '/api/docs' });
    const page =
      docs.statusCode === 302
        ? await keel.app.inject({
            method: 'GET',
            url: new URL(docs.headers.location as string, 'http://x').pathname,
          })
        : docs;
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
