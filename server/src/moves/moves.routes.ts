import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { adminOnly } from '../access/rules.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import { Customer } from '../customers/customers.schemas.js';
import { contextOf } from '../http/request-context.js';
import { moveCustomer } from './move-customer.js';
import { MoveBody } from './moves.schemas.js';

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
};
