import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Histogram } from 'prom-client';
import { metricsRegistry } from './metrics-registry.js';

export const httpRequestSeconds = new Histogram({
  name: 'keel_http_request_duration_seconds',
  help: 'Time Keel took to answer HTTP requests, by route pattern and status class.',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/**
 * The route's pattern (`/api/v1/customers/:id`), never the path a client sent: ids in labels
 * would make a series per customer. Every built file of the web UI counts as one route.
 */
function routeLabel(request: FastifyRequest): string {
  const served = request.routeOptions.config as { file?: string } | undefined;
  if (served?.file !== undefined) return 'web-ui';
  return request.routeOptions.url ?? 'unmatched';
}

async function httpMetrics(app: FastifyInstance) {
  app.addHook('onResponse', async (request, reply) => {
    httpRequestSeconds.observe(
      {
        method: request.method,
        route: routeLabel(request),
        status_class: `${Math.floor(reply.statusCode / 100)}xx`,
      },
      reply.elapsedTime / 1000,
    );
  });
}

export const httpMetricsPlugin = fp(httpMetrics, { name: 'keel-http-metrics' });
