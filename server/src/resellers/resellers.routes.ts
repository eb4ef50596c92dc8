import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { adminOnly } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import { trimFields } from '../http/body-hooks.js';
import { contextOf } from '../http/request-context.js';
import { createReseller } from './create-reseller.js';
import { deleteReseller } from './delete-reseller.js';
import { findReseller, listResellers } from './resellers.queries.js';
import {
  CreatedReseller,
  CreateResellerBody,
  Reseller,
  ResellerList,
  ResellerListQuery,
  ResellerParams,
  UpdateResellerBody,
} from './resellers.schemas.js';
import { updateReseller } from './update-reseller.js';

const tags = ['resellers'];
const config = { access: adminOnly };

const trimEmail = trimFields('email');

export const resellerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/resellers',
    {
      config: { ...config, scope: 'resellers:read' },
      schema: {
        operationId: 'listResellers',
        tags,
        summary: 'List resellers',
        querystring: ResellerListQuery,
        response: { 200: ResellerList, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return listResellers(ctx.db, ctx.actor, request.query);
    },
  );

  app.post(
    '/resellers',
    {
      config: { ...config, scope: 'resellers:write' },
      preValidation: trimEmail,
      schema: {
        operationId: 'createReseller',
        tags,
        summary: 'Create a reseller with its login; the generated password is shown once',
        body: CreateResellerBody,
        response: { 201: CreatedReseller, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const created = await createReseller(contextOf(request), request.body);
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.get(
    '/resellers/:id',
    {
      config: { ...config, scope: 'resellers:read' },
      schema: {
        operationId: 'getReseller',
        tags,
        summary: 'One reseller',
        params: ResellerParams,
        response: { 200: Reseller, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return findReseller(ctx.db, ctx.actor, request.params.id);
    },
  );

  app.patch(
    '/resellers/:id',
    {
      config: { ...config, scope: 'resellers:write' },
      preValidation: trimEmail,
      schema: {
        operationId: 'updateReseller',
        tags,
        summary: "Change a reseller's name, login email or company",
        params: ResellerParams,
        body: UpdateResellerBody,
        response: { 200: Reseller, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateReseller(contextOf(request), request.params.id, request.body),
  );

  app.delete(
    '/resellers/:id',
    {
      config: { ...config, scope: 'resellers:write' },
      schema: {
        operationId: 'deleteReseller',
        tags,
        summary: 'Delete a reseller without customers, with its packages and login',
        params: ResellerParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteReseller(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
