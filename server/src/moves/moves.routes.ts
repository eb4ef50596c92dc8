import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adminOnly } from '../access/rules.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import { Customer } from '../customers/customers.schemas.js';
import { contextOf } from '../http/request-context.js';
import { listMoveTargets } from './list-move-targets.js';
import { moveCustomer } from './move-customer.js';
import { MoveBody, MoveTargetList } from './moves.schemas.js';

/** Moving a customer to another server (admins only): shared/API.md, "Servers". */
export const moveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers/:id/move',
    {
      config: { access: adminOnly, scope: 'servers:write' },
      schema: {
        operationId: 'moveCustomer',
        tags: ['customers', 'servers'],
        summary:
          'Move a customer with its websites, databases, mail, FTP and files to another server; its `move` reports the progress',
        params: IdParams,
        body: MoveBody,
        response: { 202: Customer, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await moveCustomer(contextOf(request), request.params.id, request.body)),
  );

  app.get(
    '/customers/:id/move-targets',
    {
      config: { access: adminOnly, scope: 'servers:read' },
      schema: {
        operationId: 'listMoveTargets',
        tags: ['customers', 'servers'],
        summary:
          'The servers the customer could be moved to now, and why not the others (the rule the move applies)',
        params: IdParams,
        response: { 200: MoveTargetList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ({ items: await listMoveTargets(contextOf(request), request.params.id) }),
  );
};
