import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import type { KindChanges } from '../hosting/hosted.routes.js';
import { presentResource } from '../hosting/present-resource.js';
import { contextOf } from '../http/request-context.js';
import { createMailAlias } from './create-mail-alias.js';
import { mailAliasKind } from './mail-alias-kind.js';
import { CreateMailAliasBody, MailAlias, UpdateMailAliasBody } from './mail-aliases.schemas.js';
import { updateMailAlias } from './update-mail-alias.js';

/** What only mail aliases have; list, read and delete are hosting/hosted.routes.ts. */
export const mailAliasRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers/:id/mail-aliases',
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'createMailAlias',
        tags: [mailAliasKind.path],
        summary: "Add a forwarding address at one of the customer's domains",
        params: IdParams,
        body: CreateMailAliasBody,
        response: { 201: MailAlias, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { customer, alias } = await createMailAlias(contextOf(request), request.params.id, request.body);
      return reply.code(201).send(presentResource(mailAliasKind, alias, customer, app.keel));
    },
  );
};

/** An alias's PATCH switches it and/or replaces where it forwards. */
export const mailAliasChanges: KindChanges = {
  summary: 'Turn a mail alias on or off, or replace where it forwards',
  body: UpdateMailAliasBody,
  errors: [422],
  change: updateMailAlias,
};
