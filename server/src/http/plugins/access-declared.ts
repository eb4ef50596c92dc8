import type { FastifyContextConfig, FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { RouteScope } from '../../access/scopes.js';

type Rule = NonNullable<FastifyContextConfig['access']>;

function describe(rule: Rule, scope: RouteScope | undefined): string {
  if ('public' in rule) return 'Access: public.';
  if ('agent' in rule) return "Access: a hosting server's agent credential.";
  const roles = `Access: ${rule.roles.join(', ')}.`;
  return scope
    ? `${roles} API token scope: \`${scope}\`.`
    : `${roles} API token scope: none grants it (a session, or a token without scopes).`;
}

/**
 * Routes that serve the built web UI's files (@fastify/static marks each with the file it
 * serves) and the API reference pages: public by nature, and no operation of the API.
 */
function servesFiles(route: RouteOptions): boolean {
  const served = route.config as { file?: string } | undefined;
  return served?.file !== undefined || route.url.startsWith('/api/docs');
}

/**
 * Every route (the API's, and the probes and metrics outside /api) must declare its access rule, its API token scope and its operationId;
 * registering one without fails at start-up. The rule and the scope are written into the
 * route's OpenAPI operation: its description, its security requirement and `x-keel-scope`.
 */
async function accessDeclared(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (servesFiles(route)) return;
    const rule = route.config?.access;
    const where = `Route ${route.method} ${route.url}`;
    if (!rule) throw new Error(`${where} declares no access rule`);
    const scope = route.config?.scope;
    if (!('public' in rule) && scope === undefined) throw new Error(`${where} declares no API token scope`);
    // Fastify adds a HEAD route beside every GET, sharing its schema: describe the rule once.
    if (route.method === 'HEAD') return;
    route.schema ??= {};
    const schema = route.schema as Record<string, unknown>;
    if (schema.hide) return;
    if (typeof schema.operationId !== 'string') throw new Error(`${where} declares no operationId`);
    const beforeOwnPassword = route.config?.beforeOwnPassword
      ? 'Open to a session that must first choose its own password.'
      : undefined;
    const metricsToken = route.config?.metricsToken
      ? 'Also open to a scraper sending `Authorization: Bearer <KEEL_METRICS_TOKEN>` when that is set.'
      : undefined;
    const beforeTwoFactorSetup = route.config?.beforeTwoFactorSetup
      ? 'Open to a session that must first set up two-factor sign-in.'
      : undefined;
    schema.description = [
      schema.description,
      describe(rule, scope),
      metricsToken,
      beforeOwnPassword,
      beforeTwoFactorSetup,
    ]
      .filter(Boolean)
      .join(' ');
    if ('public' in rule) {
      schema.security = [];
      return;
    }
    schema.security = [
      { session: [] },
      { apiToken: scope ? [scope] : [] },
      ...(route.config?.metricsToken ? [{ metricsToken: [] }] : []),
    ];
    schema['x-keel-scope'] = scope ?? null;
  });
}

export const accessDeclaredPlugin = fp(accessDeclared, { name: 'keel-access-declared' });
