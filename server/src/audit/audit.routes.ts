import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adminOrReseller } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import { contextOf } from '../http/request-context.js';
import { AuditEventList, AuditListQuery } from './audit.schemas.js';
import { listAuditEvents } from './list-audit-events.js';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: adminOrReseller, scope: 'audit:read' },
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: 'The audit log: admins see everything, a reseller its own and its customers’ events',
        querystring: AuditListQuery,
        response: { 200: AuditEventList, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listAuditEvents(contextOf(request), request.query),
  );
};
