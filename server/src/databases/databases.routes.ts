import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams, listOf } from '../contract/schemas.js';
import { listHosted, removeHosted, switchHosted, visibleHosted } from '../hosting/hosted-resources.js';
import { contextOf } from '../http/request-context.js';
import { createDatabase } from './create-database.js';
import { databaseIds, databaseKind } from './database-kind.js';
import {
  CreateDatabaseBody,
  CreatedDatabase,
  CustomerDatabase,
  DatabaseListQuery,
  DatabaseParams,
  DatabasePasswordBody,
  GeneratedDatabasePassword,
  UpdateDatabaseBody,
} from './databases.schemas.js';
import { presentDatabase } from './present-database.js';
import { setDatabasePassword } from './set-database-password.js';

const tags = ['databases'];

export const databaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers/:id/databases',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: "A customer's MariaDB databases",
        params: IdParams,
        querystring: DatabaseListQuery,
        response: { 200: listOf(CustomerDatabase), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { query } = request;
      const listed = await listHosted(
        databaseKind,
        app.keel.db,
        contextOf(request).actor,
        request.params.id,
        query,
      );
      return {
        items: listed.rows.map((row) => presentDatabase(row, listed.customer)),
        total: listed.total,
        page: query.page,
        perPage: query.perPage,
      };
    },
  );

  app.post(
    '/customers/:id/databases',
    {
      config: { access: anyRole },
      schema: {
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
      return reply.code(201).send({ database: presentDatabase(database, customer), password });
    },
  );

  app.get(
    '/customers/:id/databases/:databaseId',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: 'One database',
        params: DatabaseParams,
        response: { 200: CustomerDatabase, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { customer, resource } = await visibleHosted(
        databaseKind,
        app.keel.db,
        contextOf(request).actor,
        databaseIds(request.params),
      );
      return presentDatabase(resource, customer);
    },
  );

  app.patch(
    '/customers/:id/databases/:databaseId',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: 'Turn a database on or off (off locks its user)',
        params: DatabaseParams,
        body: UpdateDatabaseBody,
        response: { 200: CustomerDatabase, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { customer, resource } = await switchHosted(
        contextOf(request),
        databaseKind,
        databaseIds(request.params),
        request.body.enabled,
      );
      return presentDatabase(resource, customer);
    },
  );

  app.delete(
    '/customers/:id/databases/:databaseId',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: 'Delete a database and its user',
        params: DatabaseParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeHosted(contextOf(request), databaseKind, databaseIds(request.params));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/customers/:id/databases/:databaseId/password',
    {
      config: { access: anyRole },
      schema: {
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
