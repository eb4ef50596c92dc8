import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publicRoute } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import { originOf } from '../http/request-context.js';
import { setSessionCookie } from '../http/session-cookie.js';
import { SessionState } from './auth.schemas.js';
import { logInWithLink } from './log-in-with-link.js';
import { sessionState } from './session-view.js';

const RedeemLoginLinkBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100, description: 'The fragment of the link’s url.' }) },
  { additionalProperties: false },
);

/** Redeeming a one-time login link (customers/login-link.routes.ts makes them). */
export const redeemLoginLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login-link',
    {
      config: { access: publicRoute },
      schema: {
        operationId: 'logInWithLink',
        tags: ['auth'],
        summary: 'Sign in with a one-time login link',
        description:
          'The panel’s /login-link page sends the secret from the link’s fragment. Works once, within its minute: otherwise 401. A suspended or deleted customer gets 403 like its login.',
        body: RedeemLoginLinkBody,
        response: { 200: SessionState, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { actor, token, session, holds } = await logInWithLink(
        app.keel,
        request.body.token,
        originOf(request),
      );
      setSessionCookie(request, reply, token, session.expiresAt);
      return sessionState(actor, session.csrfToken, holds);
    },
  );
};
