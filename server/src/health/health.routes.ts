import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publicRoute } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import { Problem } from '../errors/problem.js';
import { checkReadiness } from './check-readiness.js';

const tags = ['operations'];

// A probe takes no parameter: a mistyped probe URL is told so rather than silently answered.
const NoQuery = Type.Object({}, { additionalProperties: false });
const Alive = Type.Object({ status: Type.Literal('ok') });
const Ready = Type.Object({ status: Type.Literal('ready') });

/**
 * Probes for process supervisors and load balancers, outside /api and without sign-in: they
 * say only whether this process lives and whether it can serve, nothing about any customer.
 */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { access: publicRoute },
      schema: {
        operationId: 'checkLiveness',
        tags,
        summary: 'Whether the process is alive (no dependency is checked)',
        querystring: NoQuery,
        response: { 200: Alive, ...errorResponses(400) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: publicRoute },
      schema: {
        operationId: 'checkReadiness',
        tags,
        summary: 'Whether the panel can serve: its database answers and its migrations are applied',
        description: 'Answers 503 with the reason in `detail` when it cannot.',
        querystring: NoQuery,
        response: { 200: Ready, ...errorResponses(400, 503) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      const readiness = await checkReadiness(app.keel.db);
      if (!readiness.ready) {
        throw new Problem(503, '/api/problems/not-ready', 'Not ready', readiness.reason);
      }
      return { status: 'ready' as const };
    },
  );
};
