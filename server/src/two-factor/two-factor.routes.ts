import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import { contextOf } from '../http/request-context.js';
import { disableTwoFactor } from './disable-two-factor.js';
import { enableTwoFactor } from './enable-two-factor.js';
import { setUpTwoFactor } from './set-up-two-factor.js';
import {
  DisableTwoFactorBody,
  EnableTwoFactorBody,
  RecoveryCodes,
  TwoFactorSetup,
  TwoFactorStatus,
} from './two-factor.schemas.js';
import { twoFactorStatus } from './two-factor-status.js';

const tags = ['auth'];
// Setting it up is what a session held to the security setting requireTwoFactorFor must do first.
// No token scope grants these: a token never changes its user's sign-in.
const config = { access: anyRole, beforeTwoFactorSetup: true, scope: null } as const;

export const twoFactorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/auth/2fa',
    {
      config,
      schema: {
        tags,
        operationId: 'getTwoFactorStatus',
        summary: 'Whether you sign in with a second factor',
        response: { 200: TwoFactorStatus, ...errorResponses(401, 403) },
      },
    },
    async (request) => twoFactorStatus(contextOf(request)),
  );

  app.post(
    '/auth/2fa/setup',
    {
      config,
      schema: {
        tags,
        operationId: 'setUpTwoFactor',
        summary: 'Set up two-factor sign-in: a new authenticator key, in force once enabled',
        response: { 200: TwoFactorSetup, ...errorResponses(401, 403, 409) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return setUpTwoFactor(contextOf(request));
    },
  );

  app.post(
    '/auth/2fa/enable',
    {
      config,
      schema: {
        tags,
        operationId: 'enableTwoFactor',
        summary: 'Turn two-factor sign-in on with a code; the recovery codes are shown once',
        body: EnableTwoFactorBody,
        response: { 200: RecoveryCodes, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return enableTwoFactor(contextOf(request), request.body);
    },
  );

  app.post(
    '/auth/2fa/disable',
    {
      config: { access: anyRole, scope: null },
      schema: {
        tags,
        operationId: 'disableTwoFactor',
        summary: 'Turn two-factor sign-in off with the password and a code or a recovery code',
        body: DisableTwoFactorBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      await disableTwoFactor(contextOf(request), request.body);
      return reply.code(204).send(null);
    },
  );
};
