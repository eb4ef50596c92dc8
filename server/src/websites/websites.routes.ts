import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import { presentResource } from '../hosting/present-resource.js';
import { contextOf } from '../http/request-context.js';
import { createWebsite } from './create-website.js';
import { websiteKind } from './website-kind.js';
import { CreateWebsiteBody, Website } from './websites.schemas.js';

/** What only websites have; list, read, switch and delete are hosting/hosted.routes.ts. */
export const websiteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers/:id/websites',
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'createWebsite',
        tags: [websiteKind.path],
        summary: 'Add a website; the reconciler creates its files and vhost',
        params: IdParams,
        body: CreateWebsiteBody,
        response: { 201: Website, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { customer, website } = await createWebsite(contextOf(request), request.params.id, request.body);
      return reply.code(201).send(presentResource(websiteKind, website, customer, app.keel));
    },
  );
};
