import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams } from '../contract/schemas.js';
import type { KindChanges } from '../hosting/hosted.routes.js';
import { presentResource } from '../hosting/present-resource.js';
import { contextOf } from '../http/request-context.js';
import { createDnsZone } from './create-dns-zone.js';
import { dnsZoneKind } from './dns-zone-kind.js';
import { CreateDnsZoneBody, DnsZone, UpdateDnsZoneBody } from './dns-zones.schemas.js';
import { updateDnsZone } from './update-dns-zone.js';

/** What only DNS zones have; list, read and delete are hosting/hosted.routes.ts. */
export const dnsZoneRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/customers/:id/dns-zones',
    {
      config: { access: anyRole, scope: 'hosting:write' },
      schema: {
        operationId: 'createDnsZone',
        tags: [dnsZoneKind.path],
        summary: "Add a DNS zone; the reconciler puts it on Keel's name server",
        params: IdParams,
        body: CreateDnsZoneBody,
        response: { 201: DnsZone, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { customer, zone } = await createDnsZone(contextOf(request), request.params.id, request.body);
      return reply.code(201).send(presentResource(dnsZoneKind, zone, customer, app.keel));
    },
  );
};

/** A zone's PATCH switches it and/or replaces its records. */
export const dnsZoneChanges: KindChanges = {
  summary: 'Turn a DNS zone on or off, or replace its records',
  body: UpdateDnsZoneBody,
  errors: [422],
  change: updateDnsZone,
};
