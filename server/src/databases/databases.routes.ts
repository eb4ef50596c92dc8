import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import { presentResource } from '../hosting/present-resource.js';
import { contextOf } from '../http/request-context.js';
import { createDatabase } from './create-database.js';
import { databaseKind } from './database-kind.js';
import {
  CreateDatabaseBody,
  CreatedDatabase,
  DatabaseParams,
  DatabasePasswordBody,
  GeneratedDatabasePassword,
} from './databases.schemas.js';
import { setDatabasePassword } from './set-database-password.js';

const tags = [databaseKind.path];

/** What only databases have; list, read, switch and delete are hosting/hosted.routes.ts. */
export const databaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers/:id/databases',
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'createDatabase',
        tags,
        summary: "Add a database and its user; the user's password is shown once",
        params: IdParams,
        body: CreateDatabaseBody,
        response: { 201: CreatedDatabase, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { customer, database, password } = await createDatabase(
        contextOf(request),
        request.params.id,
        request.body,
      );
      reply.header('cache-control', 'no-store');
      return reply
        .code(201)
        .send({ database: presentResource(databaseKind, database, customer, app.keel), password });
    },
  );

  app.post(
    '/customers/:id/databases/:databaseId/password',
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'setDatabasePassword',
        tags,
        summary: "Set ({ password }) or generate ({}) the database user's password",
        params: DatabaseParams,
        body: DatabasePasswordBody,
        response: {
          200: GeneratedDatabasePassword,
          204: Type.Null(),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const { password } = await setDatabasePassword(contextOf(request), request.params, request.body);
      if (password === null) return reply.code(204).send(null);
      reply.header('cache-control', 'no-store');
      return { password };
    },
  );
};
