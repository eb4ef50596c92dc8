import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { SessionState } from '../auth/auth.schemas.js';
import { noHolds, sessionState } from '../auth/session-view.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import { VisibleText } from '../contract/visible-text.js';
import { noBodyIsEmpty } from '../http/body-hooks.js';
import { contextOf } from '../http/request-context.js';
import { setSessionCookie } from '../http/session-cookie.js';
import { reasonMaxLength } from './customers.schemas.js';
import { impersonateCustomer } from './impersonate-customer.js';

const ImpersonateBody = Type.Object(
  {
    reason: Type.Optional(
      Type.Union([VisibleText(reasonMaxLength, { minLength: 0, lines: 'multi-line' }), Type.Null()], {
        description: 'Why, for the audit log (e.g. a support ticket).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const impersonationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers/:id/impersonate',
    {
      // Customers are refused by the use case, so that a session already impersonating gets
      // its 409 rather than the customer role's 403.
      config: { access: anyRole, scope: 'customers:impersonate' },
      // The reason is optional, so is the body.
      preValidation: noBodyIsEmpty,
      schema: {
        operationId: 'impersonateCustomer',
        tags: ['customers'],
        summary: 'Log in as the customer ("impersonate"): admins any customer, a reseller its own',
        description:
          'Needs a browser session (an API token gets 403); a session already impersonating gets 409, as does a soft-deleted customer. The session token is replaced.',
        params: IdParams,
        body: ImpersonateBody,
        response: { 200: SessionState, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { actor, token, session } = await impersonateCustomer(
        contextOf(request),
        request.params.id,
        request.body,
      );
      setSessionCookie(request, reply, token, session.expiresAt);
      reply.header('cache-control', 'no-store');
      // The impersonator is not the customer: the first-sign-in rule does not hold it. Nor the
      // two-factor rule: a session held to it is refused before it gets here.
      return sessionState(actor, session.csrfToken, noHolds);
    },
  );
};
