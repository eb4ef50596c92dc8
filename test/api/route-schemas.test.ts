import Fastify, { type FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { createSignals } from '../../server/src/context.js';
import { ProblemDocument } from '../../server/src/contract/schemas.js';
import { agentApiRoutes, apiRoutes, rootRoutes } from '../../server/src/http/routes.js';
import { schemaValidators } from '../../server/src/http/validation.js';

/**
 * Keel compiles a route's validators and serializers on its first call (compile-on-first-call.ts),
 * so a schema that cannot compile would not stop Keel's start. Here every route is registered on
 * an app that compiles them all as it starts, as Fastify does by default.
 */
it('compiles every route schema', async () => {
  const app = Fastify();
  // The agent's routes subscribe to Keel's signals as they register; no route runs here.
  app.decorate('keel', { signals: createSignals() } as unknown as FastifyInstance['keel']);
  app.addSchema(ProblemDocument);
  app.setValidatorCompiler(schemaValidators([ProblemDocument]));
  let routes = 0;
  app.addHook('onRoute', () => {
    routes += 1;
  });
  for (const routes of apiRoutes) await app.register(routes, { prefix: '/api/v1' });
  for (const routes of rootRoutes) await app.register(routes);
  await app.register(agentApiRoutes, { prefix: '/api/agent/v1' });
  await expect(app.ready()).resolves.toBeDefined();
  expect(routes).toBeGreaterThan(100);
  await app.close();
});
