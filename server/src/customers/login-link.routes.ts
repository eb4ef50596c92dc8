import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { adminOrReseller } from '../access/rules.js';
import { errorResponses, IdParams, Timestamp } from '../contract/schemas.js';
import { noBodyIsEmpty } from '../http/body-hooks.js';
import { contextOf } from '../http/request-context.js';
import { createLoginLink, loginLinkSeconds } from './create-login-link.js';

const LoginLink = Type.Object({
  url: Type.String({
    description: 'Open it once, within the minute, to be signed in; the secret is in its fragment.',
  }),
  expiresAt: Timestamp,
});

const NoFields = Type.Object({}, { additionalProperties: false });

/** One-time login links for billing systems; the customer's browser redeems them (auth/login-link.routes.ts). */
export const loginLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers/:id/login-link',
    {
      config: { access: adminOrReseller, scope: 'customers:impersonate' },
      preValidation: noBodyIsEmpty,
      schema: {
        operationId: 'createLoginLink',
        tags: ['customers'],
        summary: `A one-time link that signs the customer in to its own panel, valid for ${loginLinkSeconds} seconds`,
        description:
          'For a billing system’s “Log in to control panel” button: a normal customer session, not an impersonation. A suspended or deleted customer gets 409. Audited with the API token that asked.',
        params: IdParams,
        body: NoFields,
        response: { 201: LoginLink, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const link = await createLoginLink(
        contextOf(request),
        request.params.id,
        `${request.protocol}://${request.host}`,
      );
      return reply.code(201).header('cache-control', 'no-store').send(link);
    },
  );
};
