import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createAdmin } from '../../server/src/admins/create-admin.js';
import { ProblemDocument } from '../../server/src/contract/schemas.js';
import { deleteCustomer } from '../../server/src/customers/delete-customer.js';
import { suspendCustomer } from '../../server/src/customers/suspend-customer.js';
import { apiRoutes } from '../../server/src/http/routes.js';
import { validatorCompiler } from '../../server/src/http/validation.js';
import { resourceKinds } from '../../server/src/resource-kinds.js';
import { createServer } from '../../server/src/servers/create-server.js';
import {
  defaultBackupSettings,
  defaultPlatformSettings,
  defaultSecuritySettings,
} from '../../server/src/settings/settings.schemas.js';
import { testApp } from '../helpers/app.js';
import { insertFinishedBackup } from '../helpers/backups.js';
import type { ApiClient } from '../helpers/client.js';
import { makePackage } from '../helpers/package-factory.js';
import { makeCustomerOf, makeReseller, type TestCustomer } from '../helpers/reseller-factory.js';
import { sampleResources } from '../helpers/sample-resources.js';
import { selfSignedCertificate } from '../helpers/self-signed.js';

/**
 * Every API route, called by every role against tenant A's objects: the role rule (401, 403) and
 * the tenant isolation (404) hold everywhere, and nothing answers 500. A route without a row in
 * the table below fails the suite, so a new route cannot ship without its rule written down.
 */

// Covers every sample website (www….example.test).
const sampleCertificate = await selfSignedCertificate(['*.example.test']);

const roles = ['anonymous', 'admin', 'resellerA', 'resellerB', 'customerA', 'customerB'] as const;
type Role = (typeof roles)[number];
type Outcome = Record<Role, number[]>;

/** Tenant A's objects a call is aimed at. */
interface Tenant {
  customer: TestCustomer;
  /** A resource of each kind the route names, by the kind's path parameter (websiteId …). */
  resources: Record<string, string>;
  packageId: string;
  resellerId: string;
  tokenId: string;
  serverId: string;
}

interface Expectation {
  who: Outcome;
  body?: (tenant: Tenant, role: Role) => unknown;
  /** The state tenant A's customer must be in for the call to make sense. */
  customerStatus?: 'suspended' | 'deleted';
}

// The shapes of rule a route can have, by who may call it and whose objects it reaches.
const signedIn = (ok: number[]): Outcome => ({
  anonymous: [401],
  admin: ok,
  resellerA: ok,
  resellerB: ok,
  customerA: ok,
  customerB: ok,
});
const adminOnly = (ok: number[]): Outcome => ({
  anonymous: [401],
  admin: ok,
  resellerA: [403],
  resellerB: [403],
  customerA: [403],
  customerB: [403],
});
/** Admins and resellers, each on its own list. */
const staff = (ok: number[]): Outcome => ({
  anonymous: [401],
  admin: ok,
  resellerA: ok,
  resellerB: ok,
  customerA: [403],
  customerB: [403],
});
/** Admins and tenant A's reseller, on one of tenant A's objects. */
const staffOfTenant = (ok: number[]): Outcome => ({
  anonymous: [401],
  admin: ok,
  resellerA: ok,
  resellerB: [404],
  customerA: [403],
  customerB: [403],
});
/** Admins, tenant A's reseller and the customer itself, on the customer's own objects. */
const tenant = (ok: number[], own = ok): Outcome => ({
  anonymous: [401],
  admin: ok,
  resellerA: ok,
  resellerB: [404],
  customerA: own,
  customerB: [404],
});

let made = 0;
const fresh = (what: string) => `${what}${++made}${Date.now().toString(36)}`;

const expectations: Record<string, Expectation> = {
  'POST /api/v1/auth/login': {
    who: { ...signedIn([200]), anonymous: [200] },
    body: (t) => ({ email: t.customer.email, password: t.customer.password }),
  },
  // A made-up link: every caller gets the same 401, signed in or not.
  'POST /api/v1/auth/login-link': {
    who: { ...signedIn([401]), anonymous: [401] },
    body: () => ({ token: 'not-a-real-link' }),
  },
  'POST /api/v1/auth/logout': { who: signedIn([204]) },
  'GET /api/v1/auth/session': { who: signedIn([200]) },
  'POST /api/v1/auth/impersonation/stop': { who: signedIn([409]) },
  'GET /api/v1/auth/2fa': { who: signedIn([200]) },
  'POST /api/v1/auth/2fa/setup': { who: signedIn([200]) },
  // Before or after the role's setup: not set up (409), or the code is wrong (422).
  'POST /api/v1/auth/2fa/enable': { who: signedIn([409, 422]), body: () => ({ code: '000000' }) },
  'POST /api/v1/auth/2fa/disable': {
    who: signedIn([409]),
    body: () => ({ password: 'not the password', code: '000000' }),
  },
  'GET /api/v1/auth/tokens': { who: signedIn([200]) },
  'POST /api/v1/auth/tokens': { who: signedIn([201]), body: () => ({ name: 'script' }) },
  // Tokens are personal: even an admin cannot see another user's.
  'DELETE /api/v1/auth/tokens/:id': {
    who: { ...signedIn([404]), anonymous: [401], customerA: [204] },
  },

  'GET /api/v1/settings/security': { who: adminOnly([200]) },
  'PUT /api/v1/settings/security': { who: adminOnly([200]), body: () => defaultSecuritySettings },
  'GET /api/v1/settings/platform': { who: adminOnly([200]) },
  'PUT /api/v1/settings/platform': { who: adminOnly([200]), body: () => defaultPlatformSettings },
  'GET /api/v1/settings/backups': { who: adminOnly([200]) },
  'PUT /api/v1/settings/backups': { who: adminOnly([200]), body: () => defaultBackupSettings },
  'GET /api/v1/settings/php-versions': { who: signedIn([200]) },
  'GET /api/v1/audit': { who: staff([200]) },

  'GET /api/v1/customers': { who: staff([200]) },
  'POST /api/v1/customers': {
    who: staff([201]),
    body: () => ({ firstName: 'New', lastName: 'Customer', email: `${fresh('new')}@example.test` }),
  },
  'GET /api/v1/customers/:id': { who: tenant([200]) },
  'GET /api/v1/customers/:id/limits': { who: tenant([200]) },
  'PATCH /api/v1/customers/:id': { who: staffOfTenant([200]), body: () => ({ company: 'Changed Ltd' }) },
  'POST /api/v1/customers/:id/password': {
    who: tenant([200], [204]),
    body: (t, role) =>
      role === 'customerA'
        ? { password: 'a fresh passphrase for route checks', currentPassword: t.customer.password }
        : {},
  },
  // Another tenant's customer is a 404 inside the 200's results (customers-bulk.test.ts).
  'POST /api/v1/customers/bulk': {
    who: staff([200]),
    body: (t) => ({ action: 'suspend', ids: [t.customer.id] }),
  },
  'POST /api/v1/customers/:id/suspend': { who: staffOfTenant([200]), body: () => ({ reason: 'checks' }) },
  'POST /api/v1/customers/:id/reactivate': { who: staffOfTenant([200]), customerStatus: 'suspended' },
  'DELETE /api/v1/customers/:id': { who: staffOfTenant([200]) },
  'POST /api/v1/customers/:id/restore': { who: staffOfTenant([200]), customerStatus: 'deleted' },
  'POST /api/v1/customers/:id/purge': { who: staffOfTenant([202]), customerStatus: 'deleted' },
  'POST /api/v1/customers/:id/impersonate': { who: staffOfTenant([200]), body: () => ({ reason: 'checks' }) },
  'POST /api/v1/customers/:id/login-link': { who: staffOfTenant([201]) },
  'GET /api/v1/customers/:id/audit': { who: tenant([200]) },

  // A kind's own routes; the ones every kind shares are generated below from the list of kinds.
  'POST /api/v1/customers/:id/databases/:databaseId/password': { who: tenant([200]) },
  'POST /api/v1/customers/:id/mailboxes/:mailboxId/password': { who: tenant([200]) },
  'GET /api/v1/customers/:id/mail-domains': { who: tenant([200]) },
  'POST /api/v1/customers/:id/ftp-accounts/:ftpAccountId/password': { who: tenant([200]) },
  'POST /api/v1/customers/:id/websites/:websiteId/certificate': {
    who: tenant([200]),
    body: () => sampleCertificate,
  },
  // A sample site has no certificate from the ACME CA: whoever may renew it is told 409, not 403/404.
  'POST /api/v1/customers/:id/websites/:websiteId/certificate/renew': { who: tenant([409]) },
  'GET /api/v1/customers/:id/websites/:websiteId/logs': { who: tenant([200]) },

  'GET /api/v1/customers/:id/backups': { who: tenant([200]) },
  'POST /api/v1/customers/:id/backups': { who: tenant([202]) },
  'GET /api/v1/customers/:id/backups/:backupId': { who: tenant([200]) },
  'DELETE /api/v1/customers/:id/backups/:backupId': { who: tenant([204]) },
  'POST /api/v1/customers/:id/backups/:backupId/restore': { who: tenant([202]), body: () => ({}) },
  'GET /api/v1/customers/:id/backup-jobs': { who: tenant([200]) },

  'GET /api/v1/resellers': { who: adminOnly([200]) },
  'POST /api/v1/resellers': {
    who: adminOnly([201]),
    body: () => ({ name: 'Another Reseller', email: `${fresh('reseller')}@example.test` }),
  },
  'GET /api/v1/resellers/:id': { who: adminOnly([200]) },
  'PATCH /api/v1/resellers/:id': { who: adminOnly([200]), body: () => ({ company: 'Renamed Ltd' }) },
  'DELETE /api/v1/resellers/:id': { who: adminOnly([204]) },

  'GET /api/v1/packages': { who: staff([200]) },
  'POST /api/v1/packages': { who: staff([201]), body: () => ({ name: fresh('Package ') }) },
  'GET /api/v1/packages/:id': { who: staffOfTenant([200]) },
  'PATCH /api/v1/packages/:id': { who: staffOfTenant([200]), body: () => ({ limits: { sites: 5 } }) },
  'DELETE /api/v1/packages/:id': { who: staffOfTenant([204]) },

  'GET /api/v1/servers': { who: adminOnly([200]) },
  'POST /api/v1/servers': { who: adminOnly([201]), body: () => ({ name: fresh('Server '), roles: ['web'] }) },
  'GET /api/v1/servers/:id': { who: adminOnly([200]) },
  'PATCH /api/v1/servers/:id': { who: adminOnly([200]), body: () => ({ capacity: 5 }) },
  'DELETE /api/v1/servers/:id': { who: adminOnly([204]) },
  'POST /api/v1/servers/:id/enrollment': { who: adminOnly([201]) },
  // The tenant's server has no agent yet: offline, so the admin's move is refused with 409.
  'POST /api/v1/customers/:id/move': {
    who: adminOnly([409]),
    body: (tenant) => ({ serverId: tenant.serverId }),
  },
  'GET /api/v1/customers/:id/move-targets': { who: adminOnly([200]) },

  // Every kind of hosting resource: the customer's own objects, for it, its reseller and admins.
  ...Object.fromEntries(
    resourceKinds.flatMap(({ kind }) => {
      const collection = `/api/v1/customers/:id/${kind.path}`;
      const one = `${collection}/:${kind.idParam}`;
      const sample = sampleResources[kind.noun];
      return [
        [`GET ${collection}`, { who: tenant([200]) }],
        [`POST ${collection}`, { who: tenant([201]), body: (t: Tenant) => sample.createBody(t.customer.id) }],
        [`GET ${one}`, { who: tenant([200]) }],
        [`PATCH ${one}`, { who: tenant([200]), body: () => ({ enabled: false }) }],
        [`DELETE ${one}`, { who: tenant([204]) }],
      ];
    }),
  ),
};

/** Every API route as registered, collected on a bare app with the same route plugins. */
async function registeredRoutes(): Promise<string[]> {
  const bare = Fastify();
  bare.addSchema(ProblemDocument);
  bare.setValidatorCompiler(validatorCompiler([ProblemDocument]));
  const found: string[] = [];
  bare.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // HEAD is Fastify's automatic twin of each GET, with the same handler and rule.
    for (const method of methods) if (method !== 'HEAD') found.push(`${method} ${route.url}`);
  });
  for (const routes of apiRoutes) await bare.register(routes, { prefix: '/api/v1' });
  await bare.ready();
  await bare.close();
  return found.filter((route) => route.split(' ')[1]?.startsWith('/api/v1/'));
}

describe('route access by role', async () => {
  const keel = await testApp();
  const resellerA = await makeReseller(keel, { name: 'Tenant A' });
  const resellerB = await makeReseller(keel, { name: 'Tenant B' });
  const customerB = await makeCustomerOf(keel, resellerB.id);
  // Signs in for calls on routes whose customer cannot sign in (suspended or deleted ones).
  const siblingA = await makeCustomerOf(keel, resellerA.id);
  const routes = await registeredRoutes();

  const adminEmail = `${fresh('admin')}@example.test`;
  const { password: adminPassword } = await createAdmin(keel.system, { email: adminEmail });

  /** Tenant A's objects for this route: only what its path names, so arranging stays cheap. */
  async function arrangeTenant(route: string, customerStatus?: 'suspended' | 'deleted'): Promise<Tenant> {
    const customer = await makeCustomerOf(keel, resellerA.id);
    const needs = (part: string) => route.includes(part);
    const resources: Record<string, string> = {};
    for (const { kind } of resourceKinds) {
      if (needs(`/${kind.path}`)) await sampleResources[kind.noun].arrange?.(keel, customer.id);
      if (needs(`:${kind.idParam}`))
        resources[kind.idParam] = await sampleResources[kind.noun].make(keel, customer.id);
    }
    if (needs(':backupId')) resources.backupId = await insertFinishedBackup(keel, customer.id);
    const packageId = needs('/packages/:id')
      ? (await makePackage(keel, { name: fresh('Tenant A plan '), resellerId: resellerA.id })).id
      : '';
    const resellerId = needs('/resellers/:id') ? (await makeReseller(keel)).id : '';
    const tokenId = needs('/auth/tokens/:id')
      ? (await (await customer.login()).post('/auth/tokens', { name: 'own' })).json().apiToken.id
      : '';
    const serverId =
      needs('/servers/:id') || needs('/move')
        ? (await createServer(keel.system, { name: fresh('Tenant server '), roles: ['web'] })).server.id
        : '';
    if (customerStatus) await suspendCustomer(keel.system, customer.id, {});
    if (customerStatus === 'deleted') await deleteCustomer(keel.system, customer.id);
    return {
      customer,
      resources,
      packageId,
      resellerId,
      tokenId,
      serverId,
    };
  }

  const signIn: Record<Exclude<Role, 'anonymous' | 'customerA'>, () => Promise<ApiClient>> = {
    admin: () => keel.login(adminEmail, adminPassword as string),
    resellerA: () => resellerA.login(),
    resellerB: () => resellerB.login(),
    customerB: () => customerB.login(),
  };
  const signedInClients = new Map<Role, ApiClient>();

  /** The role's client, signed in again only when a call ended or switched its session. */
  async function callerFor(role: Role, t: Tenant, customerStatus?: string): Promise<ApiClient> {
    if (role === 'anonymous') return keel.anonymous();
    if (role === 'customerA') return customerStatus ? siblingA.login() : t.customer.login();
    const cached = signedInClients.get(role);
    if (cached) {
      const session = await cached.get('/auth/session');
      if (session.statusCode === 200 && session.json().impersonator === null) return cached;
    }
    const client = await signIn[role]();
    signedInClients.set(role, client);
    return client;
  }

  const pathFor = (route: string, t: Tenant) => {
    const url = route.split(' ')[1] ?? '';
    const id = url.startsWith('/api/v1/resellers/')
      ? t.resellerId
      : url.startsWith('/api/v1/packages/')
        ? t.packageId
        : url.startsWith('/api/v1/auth/tokens/')
          ? t.tokenId
          : url.startsWith('/api/v1/servers/')
            ? t.serverId
            : t.customer.id;
    return Object.entries(t.resources).reduce(
      (path, [param, resourceId]) => path.replace(`:${param}`, resourceId),
      url.replace(':id', id),
    );
  };

  it('has an expectation for every registered route, and none for a route that does not exist', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((route) => !(route in expectations))).toEqual([]);
    expect(Object.keys(expectations).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('misses no route the real app serves, wherever it was registered', async () => {
    const described = (await keel.anonymous().get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const served = Object.entries(described.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(served.filter((route) => route.split(' ')[1]?.startsWith('/api/v1/')).sort()).toEqual(
      [...routes].sort(),
    );
  });

  it.each(Object.entries(expectations))('%s', async (route, expectation) => {
    const [method] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
    // Refused calls change nothing, so they share one tenant, and go first; then every role that
    // may change something gets the shared tenant once and fresh ones after that.
    const mayChange = (role: Role) =>
      method !== 'GET' && expectation.who[role].some((status) => status < 400);
    const order = [...roles].sort((a, b) => Number(mayChange(a)) - Number(mayChange(b)));
    const shared = await arrangeTenant(route, expectation.customerStatus);
    let sharedChanged = false;
    const seen: Record<string, number> = {};
    for (const role of order) {
      const t =
        mayChange(role) && sharedChanged ? await arrangeTenant(route, expectation.customerStatus) : shared;
      sharedChanged ||= mayChange(role);
      const caller = await callerFor(role, t, expectation.customerStatus);
      const body = expectation.body?.(t, role) ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
      const response = await caller.request(method, pathFor(route, t), body);
      seen[role] = response.statusCode;
      if (response.statusCode >= 400) {
        expect(response.headers['content-type'], `${role}: ${response.body}`).toMatch(
          /^application\/problem\+json/,
        );
      }
    }
    const wanted = Object.fromEntries(
      roles.map((role) => [
        role,
        expectation.who[role].includes(seen[role] ?? 0) ? seen[role] : expectation.who[role],
      ]),
    );
    expect(seen).toEqual(wanted);
  });
});
