import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import { contextOf } from '../http/request-context.js';
import { readWebsiteLog } from './read-website-log.js';

const Params = Type.Object(
  { id: Type.String({ format: 'uuid' }), websiteId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

const LogQuery = Type.Object(
  {
    kind: Type.Union([Type.Literal('access'), Type.Literal('error')], {
      default: 'access',
      description: 'Requests (`access`) or what nginx complained about (`error`).',
    }),
    lines: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'How many of the last lines.',
    }),
  },
  { additionalProperties: false },
);

const WebsiteLog = Type.Object({
  kind: Type.Union([Type.Literal('access'), Type.Literal('error')]),
  lines: Type.Array(Type.String(), { description: 'The last lines, oldest first.' }),
});

/** A website's recent nginx log, for its customer, its reseller and admins alike. */
export const websiteLogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers/:id/websites/:websiteId/logs',
    {
      config: { access: anyRole, scope: 'hosting:read' },
      schema: {
        operationId: 'readWebsiteLog',
        tags: ['websites'],
        summary: "The last lines of a website's access or error log",
        params: Params,
        querystring: LogQuery,
        response: { 200: WebsiteLog, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return readWebsiteLog(
        contextOf(request),
        { siteLogsDir: app.keel.siteLogsDir },
        { customerId: request.params.id, resourceId: request.params.websiteId },
        request.query,
      );
    },
  );
};
