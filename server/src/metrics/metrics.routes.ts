import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { adminOnly } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import type { ClaimedKind } from '../provisioning/claims.js';
import { readMetrics } from './read-metrics.js';

const prometheusText = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Prometheus metrics for admins, or for a scraper holding KEEL_METRICS_TOKEN: never open to
 * the world, since route names, queue depths and job counts say how the provider is doing.
 */
export const metricsRoutes =
  (kinds: readonly ClaimedKind[]): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/metrics',
      {
        config: { access: adminOnly, scope: null, metricsToken: true },
        schema: {
          operationId: 'readMetrics',
          tags: ['operations'],
          summary: 'Metrics in the Prometheus text format',
          description:
            'Request latencies by route pattern and status class, the reconciler queue depth and convergence time per kind and server, servers online and offline, background jobs by state, and the process metrics.',
          response: {
            200: {
              description: 'The Prometheus exposition format 0.0.4.',
              content: { 'text/plain': { schema: Type.String() } },
            },
            ...errorResponses(401, 403),
          },
        },
      },
      async (_request, reply) => {
        const text = await readMetrics(app.keel.db, kinds, app.keel.now());
        return reply.header('cache-control', 'no-store').type(prometheusText).send(text);
      },
    );
  };
