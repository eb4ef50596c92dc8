import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { claimIdempotencyKey, type IdempotencyClaim } from '../../idempotency/claim-idempotency-key.js';
import {
  idempotencyKeyHeader,
  idempotencyKeyPattern,
  requestDigest,
} from '../../idempotency/idempotency-key.js';
import { releaseIdempotencyKey, storeIdempotentAnswer } from '../../idempotency/settle-idempotency-key.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The Idempotency-Key this request holds until its answer is stored. */
    idempotencyClaim: IdempotencyClaim | null;
  }
}

/** The answer's headers a retry needs; never set-cookie, which belongs to the first request alone. */
const replayedHeaders = ['content-type', 'location', 'retry-after'];

/** Set on a replayed answer, so a client can tell it from a first one. */
const replayedHeader = 'idempotent-replayed';

const headerSchema = {
  type: 'object',
  properties: {
    [idempotencyKeyHeader]: {
      type: 'string',
      pattern: idempotencyKeyPattern,
      description:
        'Makes this request safe to retry: a repeat with the same key and body within 24 hours gets the first answer (with `idempotent-replayed: true`) and changes nothing; the same key with another path or body is 422; while the first is still running, 409.',
    },
  },
};

function headersOf(reply: FastifyReply): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of replayedHeaders) {
    const value = reply.getHeader(name);
    if (value !== undefined) kept[name] = String(value);
  }
  return kept;
}

async function settle(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const claim = request.idempotencyClaim;
  if (!claim) return;
  request.idempotencyClaim = null;
  const { db } = request.server.keel;
  const replayable =
    payload === null || payload === undefined || typeof payload === 'string' || Buffer.isBuffer(payload);
  if (reply.statusCode >= 500 || !replayable) {
    await releaseIdempotencyKey(db, claim);
    return;
  }
  const body = payload === null || payload === undefined ? null : String(payload);
  await storeIdempotentAnswer(db, claim, { status: reply.statusCode, headers: headersOf(reply), body });
}

/**
 * Idempotency keys on every authenticated POST of the API (shared/API.md "Idempotent writes"):
 * the first answer is kept per user for 24 hours and a repeat gets it without running the route
 * again, so a billing system's retry never creates a customer twice.
 */
async function idempotency(app: FastifyInstance) {
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    if (!methods.includes('POST') || !route.url.startsWith('/api/v1/') || !access || 'public' in access)
      return;
    route.schema ??= {};
    const { schema } = route;
    const own = (schema.headers ?? {}) as { properties?: object };
    schema.headers = {
      ...own,
      ...headerSchema,
      properties: { ...own.properties, ...headerSchema.properties },
    };
  });

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[idempotencyKeyHeader];
    const { actor } = request;
    if (request.method !== 'POST' || typeof key !== 'string' || actor?.kind !== 'user') return;
    // Only the routes given the header schema take keys: public POSTs have no user to keep them for.
    const headers = request.routeOptions.schema?.headers as { properties?: object } | undefined;
    if (!headers?.properties || !(idempotencyKeyHeader in headers.properties)) return;
    const claim: IdempotencyClaim = {
      userId: (actor.impersonator ?? actor.user).id,
      key,
      requestDigest: requestDigest(request.method, request.url, request.body),
    };
    const { db, now } = app.keel;
    const found = await claimIdempotencyKey(db, claim, now());
    if (found.outcome === 'claimed') {
      request.idempotencyClaim = claim;
      return;
    }
    const { answer } = found;
    reply.code(answer.status).headers(answer.headers).header(replayedHeader, 'true');
    return reply.send(answer.body ?? undefined);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    await settle(request, reply, payload);
    return payload;
  });

  // An answer that never reached onSend (the client went away first) gives the key back.
  app.addHook('onResponse', async (request) => {
    const claim = request.idempotencyClaim;
    if (!claim) return;
    request.idempotencyClaim = null;
    await releaseIdempotencyKey(app.keel.db, claim);
  });
}

export const idempotencyPlugin = fp(idempotency, {
  name: 'keel-idempotency',
  dependencies: ['keel-authenticate'],
});
