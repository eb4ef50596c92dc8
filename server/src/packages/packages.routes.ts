import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { adminOrReseller } from '../access/rules.js';
import { errorResponses } from '../contract/schemas.js';
import { contextOf } from '../http/request-context.js';
import { createPackage } from './create-package.js';
import { deletePackage } from './delete-package.js';
import { findPackage, listPackages } from './packages.queries.js';
import {
  CreatePackageBody,
  Package,
  PackageList,
  PackageListQuery,
  PackageParams,
  UpdatePackageBody,
} from './packages.schemas.js';
import { updatePackage } from './update-package.js';

const tags = ['packages'];
const config = { access: adminOrReseller };

export const packageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/packages',
    {
      config: { ...config, scope: 'packages:read' },
      schema: {
        operationId: 'listPackages',
        tags,
        summary: "List packages: admins see all; a reseller the admins' and its own",
        querystring: PackageListQuery,
        response: { 200: PackageList, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return listPackages(ctx.db, ctx.actor, request.query);
    },
  );

  app.post(
    '/packages',
    {
      config: { ...config, scope: 'packages:write' },
      schema: {
        operationId: 'createPackage',
        tags,
        summary: 'Create a package; a reseller creates its own, admins for themselves or a reseller',
        body: CreatePackageBody,
        response: { 201: Package, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await createPackage(contextOf(request), request.body)),
  );

  app.get(
    '/packages/:id',
    {
      config: { ...config, scope: 'packages:read' },
      schema: {
        operationId: 'getPackage',
        tags,
        summary: 'One package',
        params: PackageParams,
        response: { 200: Package, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return findPackage(ctx.db, ctx.actor, request.params.id);
    },
  );

  app.patch(
    '/packages/:id',
    {
      config: { ...config, scope: 'packages:write' },
      schema: {
        operationId: 'updatePackage',
        tags,
        summary: 'Rename a package or change its limits (a reseller only its own)',
        params: PackageParams,
        body: UpdatePackageBody,
        response: { 200: Package, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updatePackage(contextOf(request), request.params.id, request.body),
  );

  app.delete(
    '/packages/:id',
    {
      config: { ...config, scope: 'packages:write' },
      schema: {
        operationId: 'deletePackage',
        tags,
        summary: 'Delete a package no customer uses (a reseller only its own)',
        params: PackageParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deletePackage(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
