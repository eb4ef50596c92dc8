import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { adminOnly } from '../access/rules.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import { contextOf } from '../http/request-context.js';
import { createServer } from './create-server.js';
import { deleteServer } from './delete-server.js';
import { reissueEnrollment } from './reissue-enrollment.js';
import { findServer, listServers } from './servers.queries.js';
import { CreateServerBody, Enrollment, Server, ServerList, UpdateServerBody } from './servers.schemas.js';
import { updateServer } from './update-server.js';

const tags = ['servers'];
const read = { access: adminOnly, scope: 'servers:read' } as const;
const write = { access: adminOnly, scope: 'servers:write' } as const;

/** The hosting servers under the panel (admins only): shared/API.md, "Servers". */
export const serverRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/servers',
    {
      config: read,
      schema: {
        operationId: 'listServers',
        tags,
        summary: 'List the hosting servers with their status and how many customers live on each',
        response: { 200: ServerList, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return { items: await listServers(ctx.db, ctx.now()) };
    },
  );

  app.post(
    '/servers',
    {
      config: write,
      schema: {
        operationId: 'createServer',
        tags,
        summary: 'Add a hosting server; its one-time enrollment token is shown once',
        body: CreateServerBody,
        response: { 201: Enrollment, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await createServer(contextOf(request), request.body)),
  );

  app.get(
    '/servers/:id',
    {
      config: read,
      schema: {
        operationId: 'getServer',
        tags,
        summary: 'One hosting server',
        params: IdParams,
        response: { 200: Server, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return findServer(ctx.db, request.params.id, ctx.now());
    },
  );

  app.patch(
    '/servers/:id',
    {
      config: write,
      schema: {
        operationId: 'updateServer',
        tags,
        summary: 'Rename a server or change its roles, capacity or group (customers on it stay)',
        params: IdParams,
        body: UpdateServerBody,
        response: { 200: Server, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateServer(contextOf(request), request.params.id, request.body),
  );

  app.delete(
    '/servers/:id',
    {
      config: write,
      schema: {
        operationId: 'deleteServer',
        tags,
        summary: 'Remove a server no customer lives on',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteServer(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/servers/:id/enrollment',
    {
      config: write,
      schema: {
        operationId: 'reissueServerEnrollment',
        tags,
        summary: "Revoke the server's agent credential and issue a new one-time enrollment token",
        params: IdParams,
        response: { 201: Enrollment, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await reissueEnrollment(contextOf(request), request.params.id)),
  );
};
