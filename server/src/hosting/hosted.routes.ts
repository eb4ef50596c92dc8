import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import type { Context } from '../context.js';
import { errorResponses, IdParams, listOf, pagingFields, sortParameter } from '../contract/schemas.js';
import { contextOf } from '../http/request-context.js';
import { deleteResource } from './delete-resource.js';
import type { OwnerState } from './effective-state.js';
import { listResources } from './list-resources.js';
import { presentResource } from './present-resource.js';
import { readResource } from './read-resource.js';
import type { AnyResourceKind, HostedIds, RowOf } from './resource-kind.js';
import { switchResource } from './switch-resource.js';

/** A kind whose PATCH does more than switch it on and off (replaces records, say). */
export interface KindChanges {
  summary: string;
  body: TSchema;
  /** Statuses beyond the switch's own (422 for refused records). */
  errors: number[];
  // The body was validated against `body` by the route; the use case names its own type.
  change(ctx: Context, ids: HostedIds, body: never): Promise<{ customer: OwnerState; resource: unknown }>;
}

const SwitchBody = Type.Object(
  { enabled: Type.Boolean() },
  { additionalProperties: false, minProperties: 1 },
);

/** `dns_zone` or `dns-zones` as it reads inside an operationId: `DnsZone`, `DnsZones`. */
const pascal = (name: string) =>
  name
    .split(/[-_]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/**
 * The routes every kind shares, each through a use case: list, read, switch (or the kind's own
 * change), delete. A kind's folder adds only what is its own (create, password, records).
 */
export function hostedRoutes(kind: AnyResourceKind, changes?: KindChanges): FastifyPluginAsyncTypebox {
  const collection = `/customers/:id/${kind.path}`;
  const one = `${collection}/:${kind.idParam}`;
  const tags = [kind.path];
  const title = kind.title.toLowerCase();
  const resourceName = pascal(kind.noun);
  const Params = Type.Object(
    { id: Type.String({ format: 'uuid' }), [kind.idParam]: Type.String({ format: 'uuid' }) },
    { additionalProperties: false },
  );
  const ListQuery = Type.Object(
    {
      ...pagingFields,
      sort: Type.Optional(sortParameter(Object.keys(kind.sortColumns))),
      q: Type.Optional(Type.String({ maxLength: 200 })),
    },
    { additionalProperties: false },
  );
  const idsOf = (params: Record<string, string>): HostedIds => ({
    customerId: params.id as string,
    resourceId: params[kind.idParam] as string,
  });

  return async (app) => {
    const present = (row: RowOf<AnyResourceKind['table']>, owner: OwnerState) =>
      presentResource(kind, row, owner, app.keel);

    app.get(
      collection,
      {
        config: { access: anyRole, scope: 'hosting:read' },
        schema: {
          operationId: `list${pascal(kind.path)}`,
          tags,
          summary: `A customer's ${kind.plural}`,
          params: IdParams,
          querystring: ListQuery,
          response: { 200: listOf(kind.schema), ...errorResponses(400, 401, 404) },
        },
      },
      async (request) => {
        const { query } = request;
        const listed = await listResources(contextOf(request), kind, request.params.id, query);
        return {
          items: listed.rows.map((row) => present(row, listed.customer)),
          total: listed.total,
          ...listed.paging,
        };
      },
    );

    app.get(
      one,
      {
        config: { access: anyRole, scope: 'hosting:read' },
        schema: {
          operationId: `get${resourceName}`,
          tags,
          summary: `One ${title}`,
          params: Params,
          response: { 200: kind.schema, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const { customer, resource } = await readResource(contextOf(request), kind, idsOf(request.params));
        return present(resource, customer);
      },
    );

    app.patch(
      one,
      {
        config: { access: anyRole, scope: 'hosting:write' },
        schema: {
          operationId: `update${resourceName}`,
          tags,
          summary: changes?.summary ?? `Turn a ${title} on or off`,
          params: Params,
          body: changes?.body ?? SwitchBody,
          response: { 200: kind.schema, ...errorResponses(400, 401, 403, 404, ...(changes?.errors ?? [])) },
        },
      },
      async (request) => {
        const ctx = contextOf(request);
        const ids = idsOf(request.params);
        const { customer, resource } = changes
          ? await changes.change(ctx, ids, request.body as never)
          : await switchResource(ctx, kind, ids, request.body as { enabled: boolean });
        return present(resource, customer);
      },
    );

    app.delete(
      one,
      {
        config: { access: anyRole, scope: 'hosting:write' },
        schema: {
          operationId: `delete${resourceName}`,
          tags,
          summary: `Delete a ${title}; the reconciler takes it off its service`,
          params: Params,
          response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await deleteResource(contextOf(request), kind, idsOf(request.params));
        return reply.code(204).send(null);
      },
    );
  };
}
