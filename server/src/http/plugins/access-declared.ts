import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

function describe(rule: NonNullable<import('fastify').FastifyContextConfig['access']>): string {
  return 'public' in rule ? 'Access: public.' : `Access: ${rule.roles.join(', ')}.`;
}

/**
 * Every API route must declare its access rule; registering one without fails at start-up.
 * The rule is written into the route's OpenAPI description.
 */
async function accessDeclared(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const rule = route.config?.access;
    if (!rule) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    // Fastify adds a HEAD route beside every GET, sharing its schema: describe the rule once.
    if (route.method === 'HEAD') return;
    route.schema ??= {};
    const schema = route.schema as Record<string, unknown>;
    const beforeOwnPassword = route.config?.beforeOwnPassword
      ? 'Open to a session that must first choose its own password.'
      : undefined;
    const beforeTwoFactorSetup = route.config?.beforeTwoFactorSetup
      ? 'Open to a session that must first set up two-factor sign-in.'
      : undefined;
    schema.description = [schema.description, describe(rule), beforeOwnPassword, beforeTwoFactorSetup]
      .filter(Boolean)
      .join(' ');
    if (!('public' in rule)) schema.security = [{ session: [] }, { apiToken: [] }];
  });
}

export const accessDeclaredPlugin = fp(accessDeclared, { name: 'keel-access-declared' });
