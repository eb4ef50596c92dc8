import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { anyRole } from '../access/rules.js';
import type { Context } from '../context.js';
import { errorResponses, IdParams, listOf, pagingFields, sortParameter } from '../contract/schemas.js';
import { contextOf } from '../http/request-context.js';
import { deleteResource } from './delete-resource.js';
import type { OwnerState } from './effective-state.js';
import { setHostedPassword } from './hosted-password.js';
import { listResources } from './list-resources.js';
import { presentResource } from './present-resource.js';
import { provisioningOnServers } from './provisioning-on-servers.js';
import { readResource } from './read-resource.js';
import type { AnyResourceKind, HostedIds, RowOf } from './resource-kind.js';
import { switchResource } from './switch-resource.js';

/**
 * A kind's POST, which adds one to a customer. A kind with a `password` generates one here and the
 * 201 shows it this once, beside the resource: `{ <noun in camelCase>: …, password }`.
 */
export interface KindCreate {
  summary: string;
  body: TSchema;
  // The body was validated against `body` by the route; the use case names its own type.
  create(
    ctx: Context,
    customerId: string,
    body: never,
  ): Promise<{ customer: OwnerState; resource: unknown; password?: string }>;
}

/** A kind with a service password, which its owner sets or has generated again. */
export interface KindPassword {
  /** Whose password it is, as the route's summary names it: "the mailbox's". */
  whose: string;
  /** How the 200 describes a generated password: shown once, and what Keel keeps of it. */
  generated: string;
  /** The form the kind's service checks, the only one stored. */
  hashOf(password: string): string | Promise<string>;
}

/** A kind whose PATCH does more than switch it on and off (replaces records, say). */
export interface KindChanges {
  summary: string;
  body: TSchema;
  /** Statuses beyond the switch's own (422 for refused records). */
  errors: number[];
  // The body was validated against `body` by the route; the use case names its own type.
  change(ctx: Context, ids: HostedIds, body: never): Promise<{ customer: OwnerState; resource: unknown }>;
}

/** What a kind declares of its routes besides the kind itself. */
export interface KindRoutes {
  create: KindCreate;
  password?: KindPassword;
  changes?: KindChanges;
}

const SwitchBody = Type.Object(
  { enabled: Type.Boolean() },
  { additionalProperties: false, minProperties: 1 },
);

const PasswordBody = Type.Object(
  { password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })) },
  { additionalProperties: false },
);

/** `dns_zone` or `dns-zones` as it reads inside an operationId: `DnsZone`, `DnsZones`. */
const pascal = (name: string) =>
  name
    .split(/[-_]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/**
 * A kind's routes, each through a use case: create and its password (the kind's own use cases),
 * list, read, switch (or the kind's own change), delete. A kind's folder declares only what is its
 * own (`KindRoutes`).
 */
export function hostedRoutes(
  kind: AnyResourceKind,
  { create, password, changes }: KindRoutes,
): FastifyPluginAsyncTypebox {
  const collection = `/customers/:id/${kind.path}`;
  const one = `${collection}/:${kind.idParam}`;
  const tags = [kind.path];
  const title = kind.title.toLowerCase();
  const resourceName = pascal(kind.noun);
  const createdName = resourceName.charAt(0).toLowerCase() + resourceName.slice(1);
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
    const presentAll = async (rows: RowOf<AnyResourceKind['table']>[], owner: OwnerState) => {
      const onServers = await provisioningOnServers(app.keel.db, kind, rows, owner, app.keel.now());
      return rows.map((row) => presentResource(kind, row, owner, app.keel, onServers?.get(row.id)));
    };
    const present = async (row: RowOf<AnyResourceKind['table']>, owner: OwnerState) =>
      (await presentAll([row], owner))[0];

    app.post(
      collection,
      {
        config: { access: anyRole, scope: 'hosting:write' },
        schema: {
          operationId: `create${resourceName}`,
          tags,
          summary: create.summary,
          params: IdParams,
          body: create.body,
          response: {
            201: password
              ? Type.Object({ [createdName]: kind.schema, password: Type.String() })
              : kind.schema,
            ...errorResponses(400, 401, 403, 404, 409, 422),
          },
        },
      },
      async (request, reply) => {
        const created = await create.create(contextOf(request), request.params.id, request.body as never);
        const resource = await present(created.resource, created.customer);
        if (!password) return reply.code(201).send(resource);
        reply.header('cache-control', 'no-store');
        return reply.code(201).send({ [createdName]: resource, password: created.password });
      },
    );

    if (password) {
      app.post(
        `${one}/password`,
        {
          config: { access: anyRole, scope: 'hosting:write' },
          schema: {
            operationId: `set${resourceName}Password`,
            tags,
            summary: `Set ({ password }) or generate ({}) ${password.whose} password`,
            params: Params,
            body: PasswordBody,
            response: {
              200: Type.Object({ password: Type.String({ description: password.generated }) }),
              204: Type.Null(),
              ...errorResponses(400, 401, 403, 404, 422),
            },
          },
        },
        async (request, reply) => {
          const set = await setHostedPassword(
            contextOf(request),
            kind,
            idsOf(request.params),
            request.body,
            password.hashOf,
          );
          if (set.password === null) return reply.code(204).send(null);
          reply.header('cache-control', 'no-store');
          return { password: set.password };
        },
      );
    }

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
          items: await presentAll(listed.rows, listed.customer),
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
