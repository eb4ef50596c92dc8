import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams, listOf } from '../contract/schemas.js';
import type { OwnerState } from '../hosting/effective-state.js';
import { listHosted, removeHosted, switchHosted, visibleHosted } from '../hosting/hosted-resources.js';
import { contextOf } from '../http/request-context.js';
import { siteDocumentRoot } from '../provisioning/drivers/files/customer-homes.js';
import { createWebsite } from './create-website.js';
import { presentWebsite, type WebsiteRow } from './present-website.js';
import { websiteIds, websiteKind } from './website-kind.js';
import {
  CreateWebsiteBody,
  UpdateWebsiteBody,
  Website,
  WebsiteListQuery,
  WebsiteParams,
} from './websites.schemas.js';

const tags = ['websites'];

export const websiteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const present = (row: WebsiteRow, owner: OwnerState) =>
    presentWebsite(row, owner, siteDocumentRoot(app.keel.homesDir, row.customerId, row.id));

  app.get(
    '/customers/:id/websites',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: "A customer's websites",
        params: IdParams,
        querystring: WebsiteListQuery,
        response: { 200: listOf(Website), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { query } = request;
      const listed = await listHosted(
        websiteKind,
        app.keel.db,
        contextOf(request).actor,
        request.params.id,
        query,
      );
      return {
        items: listed.rows.map((row) => present(row, listed.customer)),
        total: listed.total,
        page: query.page,
        perPage: query.perPage,
      };
    },
  );

  app.post(
    '/customers/:id/websites',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: 'Add a website; the reconciler creates its files and vhost',
        params: IdParams,
        body: CreateWebsiteBody,
        response: { 201: Website, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { customer, website } = await createWebsite(contextOf(request), request.params.id, request.body);
      return reply.code(201).send(present(website, customer));
    },
  );

  app.get(
    '/customers/:id/websites/:websiteId',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: 'One website',
        params: WebsiteParams,
        response: { 200: Website, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { customer, resource } = await visibleHosted(
        websiteKind,
        app.keel.db,
        contextOf(request).actor,
        websiteIds(request.params),
      );
      return present(resource, customer);
    },
  );

  app.patch(
    '/customers/:id/websites/:websiteId',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: 'Turn a website on or off',
        params: WebsiteParams,
        body: UpdateWebsiteBody,
        response: { 200: Website, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { customer, resource } = await switchHosted(
        contextOf(request),
        websiteKind,
        websiteIds(request.params),
        request.body.enabled,
      );
      return present(resource, customer);
    },
  );

  app.delete(
    '/customers/:id/websites/:websiteId',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: 'Delete a website, its vhost and its files',
        params: WebsiteParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeHosted(contextOf(request), websiteKind, websiteIds(request.params));
      return reply.code(204).send(null);
    },
  );
};
