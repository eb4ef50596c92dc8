import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../access/actor.js';
import { isUuid } from '../../contract/ids.js';
import type { Queryable } from '../../db/database.js';
import { notFound, Problem } from '../../errors/problem.js';

/** Finds the object a path names by its ids, as the caller may see it; a 404 problem otherwise. */
export type PathObjectLookup = (db: Queryable, actor: Actor, ids: Record<string, string>) => Promise<unknown>;

/** The lookup of each kind of object, by the path segments that lead to its id (`customers/databases`). */
export type PathObjectLookups = Record<string, PathObjectLookup>;

/**
 * What a route's path names by id: `customers/databases` for
 * `/api/v1/customers/:id/databases/:databaseId/password`, or null for a path without ids.
 */
export function pathObjectKind(url: string): string | null {
  const segments = url.replace(/^\/api\/v1\//, '').split('/');
  const lastId = segments.findLastIndex((segment) => segment.startsWith(':'));
  if (lastId === -1) return null;
  return segments
    .slice(0, lastId)
    .filter((segment) => !segment.startsWith(':'))
    .join('/');
}

/** Statuses that judge what a request carries (its body, its query, the rules its values break). */
const refusalsOfContent = new Set([400, 413, 415, 422]);

/**
 * Unknown ids are 404 before anything is said about the body: a refusal of what a request carries
 * would otherwise confirm that another tenant's object exists, and tell a client to fix a body
 * that could never succeed. Fastify parses and validates the body before any handler looks the
 * object up, and some use cases check a rule before their lookup, so the objects are looked up
 * once more here, on the error path only: a request that succeeds pays for no extra query.
 *
 * Every API route with ids in its path needs a lookup for them: registering one without fails at
 * start-up, so a new kind of object cannot skip the rule.
 */
async function pathObjects(app: FastifyInstance, options: { lookups: PathObjectLookups }) {
  const lookupOf = (url: string) => {
    const kind = pathObjectKind(url);
    return kind === null ? null : options.lookups[kind];
  };

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    if (lookupOf(route.url) === undefined) {
      throw new Error(`Route ${route.method} ${route.url} names objects no path-object lookup finds`);
    }
  });

  app.decorate('pathObjectsFirst', async (request: FastifyRequest, problem: Problem): Promise<Problem> => {
    const lookup = lookupOf(request.routeOptions.url ?? '');
    const { actor } = request;
    if (!lookup || !actor || !refusalsOfContent.has(problem.status)) return problem;
    const ids = request.params as Record<string, string>;
    if (!Object.values(ids).every(isUuid)) return notFound();
    try {
      await lookup(app.keel.db, actor, ids);
      return problem;
    } catch (error) {
      // A failing lookup must not hide the refusal the client is owed; only "not found" replaces it.
      return error instanceof Problem && error.status === 404 ? error : problem;
    }
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The problem to answer instead: a 404 when the path names an object the caller cannot see. */
    pathObjectsFirst(request: FastifyRequest, problem: Problem): Promise<Problem>;
  }
}

export const pathObjectsPlugin = fp(pathObjects, { name: 'keel-path-objects' });
