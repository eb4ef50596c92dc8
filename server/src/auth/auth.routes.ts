import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole, publicRoute } from '../access/rules.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import { unauthenticated } from '../errors/problem.js';
import { contextOf, originOf } from '../http/request-context.js';
import { clearSessionCookie, setSessionCookie } from '../http/session-cookie.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import {
  ApiToken,
  CreateApiTokenBody,
  CreatedApiToken,
  LoginBody,
  SessionState,
  TwoFactorChallenge,
} from './auth.schemas.js';
import { logIn } from './log-in.js';
import { logOut } from './log-out.js';
import { sessionState } from './session-view.js';
import { stopImpersonation } from './stop-impersonation.js';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { access: publicRoute },
      schema: {
        operationId: 'logIn',
        tags,
        summary: 'Sign in with email and password',
        body: LoginBody,
        response: {
          200: Type.Union([SessionState, TwoFactorChallenge]),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      const signedIn = await logIn(app.keel, request.body, originOf(request));
      if ('twoFactorRequired' in signedIn) return signedIn;
      const { actor, token, session, holds } = signedIn;
      setSessionCookie(request, reply, token, session.expiresAt);
      return sessionState(actor, session.csrfToken, holds);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: anyRole, beforeOwnPassword: true, beforeTwoFactorSetup: true, scope: null },
      schema: {
        operationId: 'logOut',
        tags,
        summary: 'End the session',
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      await logOut(contextOf(request));
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: anyRole, beforeOwnPassword: true, beforeTwoFactorSetup: true, scope: null },
      schema: {
        operationId: 'getSession',
        tags,
        summary: 'Who the session acts as, and the real user while impersonating',
        response: { 200: SessionState, ...errorResponses(401) },
      },
    },
    async (request) => {
      const { actor, session } = request;
      if (!session || actor?.kind !== 'user') throw unauthenticated('This endpoint needs a session cookie.');
      const { passwordChangeRequired, twoFactorSetupRequired } = request;
      return sessionState(actor, session.csrfToken, { passwordChangeRequired, twoFactorSetupRequired });
    },
  );

  app.post(
    '/auth/impersonation/stop',
    {
      // Open before two-factor setup: an admin held to it must get back to itself to set it up.
      config: { access: anyRole, beforeTwoFactorSetup: true, scope: null },
      schema: {
        operationId: 'stopImpersonation',
        tags,
        summary: 'Stop impersonating ("Back to Admin")',
        response: { 200: SessionState, ...errorResponses(401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { actor, token, session } = await stopImpersonation(contextOf(request));
      setSessionCookie(request, reply, token, session.expiresAt);
      // Back to an admin or a reseller, whom the first-sign-in password rule does not hold; the
      // two-factor rule holds the real user, the same before and after.
      return sessionState(actor, session.csrfToken, {
        passwordChangeRequired: false,
        twoFactorSetupRequired: request.twoFactorSetupRequired,
      });
    },
  );

  app.get(
    '/auth/tokens',
    {
      config: { access: anyRole, scope: null },
      schema: {
        operationId: 'listApiTokens',
        tags,
        summary: 'Your API tokens',
        response: { 200: Type.Array(ApiToken), ...errorResponses(401) },
      },
    },
    async (request) => listApiTokens(contextOf(request)),
  );

  app.post(
    '/auth/tokens',
    {
      config: { access: anyRole, scope: null },
      schema: {
        operationId: 'createApiToken',
        tags,
        summary: 'Create an API token; the secret is shown once',
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await createApiToken(contextOf(request), request.body));
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { access: anyRole, scope: null },
      schema: {
        operationId: 'revokeApiToken',
        tags,
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeApiToken(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
