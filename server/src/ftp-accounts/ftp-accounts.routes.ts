import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import { presentResource } from '../hosting/present-resource.js';
import { contextOf } from '../http/request-context.js';
import { createFtpAccount } from './create-ftp-account.js';
import { ftpAccountKind } from './ftp-account-kind.js';
import {
  CreatedFtpAccount,
  CreateFtpAccountBody,
  FtpAccountParams,
  FtpPasswordBody,
  GeneratedFtpPassword,
} from './ftp-accounts.schemas.js';
import { setFtpPassword } from './set-ftp-password.js';

const tags = [ftpAccountKind.path];

/** What only FTP accounts have; list, read, switch and delete are hosting/hosted.routes.ts. */
export const ftpAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers/:id/ftp-accounts',
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'createFtpAccount',
        tags,
        summary:
          "Add an FTP account locked into a directory of the customer's home; its password is shown once",
        params: IdParams,
        body: CreateFtpAccountBody,
        response: { 201: CreatedFtpAccount, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { customer, ftpAccount, password } = await createFtpAccount(
        contextOf(request),
        request.params.id,
        request.body,
      );
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        ftpAccount: presentResource(ftpAccountKind, ftpAccount, customer, app.keel),
        password,
      });
    },
  );

  app.post(
    '/customers/:id/ftp-accounts/:ftpAccountId/password',
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'setFtpAccountPassword',
        tags,
        summary: "Set ({ password }) or generate ({}) the FTP account's password",
        params: FtpAccountParams,
        body: FtpPasswordBody,
        response: {
          200: GeneratedFtpPassword,
          204: Type.Null(),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const { password } = await setFtpPassword(contextOf(request), request.params, request.body);
      if (password === null) return reply.code(204).send(null);
      reply.header('cache-control', 'no-store');
      return { password };
    },
  );
};
