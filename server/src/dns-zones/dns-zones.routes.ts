import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import { errorResponses, IdParams, listOf } from '../contract/schemas.js';
import { listHosted, removeHosted, visibleHosted } from '../hosting/hosted-resources.js';
import { contextOf } from '../http/request-context.js';
import { createDnsZone } from './create-dns-zone.js';
import { dnsZoneIds, dnsZoneKind } from './dns-zone-kind.js';
import {
  CreateDnsZoneBody,
  DnsZone,
  DnsZoneListQuery,
  DnsZoneParams,
  UpdateDnsZoneBody,
} from './dns-zones.schemas.js';
import { presentDnsZone } from './present-dns-zone.js';
import { updateDnsZone } from './update-dns-zone.js';

const tags = ['dns-zones'];

export const dnsZoneRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers/:id/dns-zones',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: "A customer's DNS zones",
        params: IdParams,
        querystring: DnsZoneListQuery,
        response: { 200: listOf(DnsZone), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { query } = request;
      const listed = await listHosted(
        dnsZoneKind,
        app.keel.db,
        contextOf(request).actor,
        request.params.id,
        query,
      );
      return {
        items: listed.rows.map((row) => presentDnsZone(row, listed.customer)),
        total: listed.total,
        page: query.page,
        perPage: query.perPage,
      };
    },
  );

  app.post(
    '/customers/:id/dns-zones',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: "Add a DNS zone; the reconciler puts it on Keel's name server",
        params: IdParams,
        body: CreateDnsZoneBody,
        response: { 201: DnsZone, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { customer, zone } = await createDnsZone(contextOf(request), request.params.id, request.body);
      return reply.code(201).send(presentDnsZone(zone, customer));
    },
  );

  app.get(
    '/customers/:id/dns-zones/:zoneId',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: 'One DNS zone with its records',
        params: DnsZoneParams,
        response: { 200: DnsZone, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { customer, resource } = await visibleHosted(
        dnsZoneKind,
        app.keel.db,
        contextOf(request).actor,
        dnsZoneIds(request.params),
      );
      return presentDnsZone(resource, customer);
    },
  );

  app.patch(
    '/customers/:id/dns-zones/:zoneId',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: 'Turn a DNS zone on or off, or replace its records',
        params: DnsZoneParams,
        body: UpdateDnsZoneBody,
        response: { 200: DnsZone, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { customer, resource } = await updateDnsZone(
        contextOf(request),
        dnsZoneIds(request.params),
        request.body,
      );
      return presentDnsZone(resource, customer);
    },
  );

  app.delete(
    '/customers/:id/dns-zones/:zoneId',
    {
      config: { access: anyRole },
      schema: {
        tags,
        summary: 'Delete a DNS zone: it is withdrawn from the name server',
        params: DnsZoneParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeHosted(contextOf(request), dnsZoneKind, dnsZoneIds(request.params));
      return reply.code(204).send(null);
    },
  );
};
