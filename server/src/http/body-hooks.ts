import type { preValidationHookHandler } from 'fastify';
import { badRequest } from '../errors/problem.js';

/**
 * Surrounding spaces are not part of a name or an email: these fields are trimmed before the
 * schema checks them, so " ann@example.com " is valid and stored without its spaces.
 */
export const trimFields =
  (...fields: string[]): preValidationHookHandler =>
  async (request) => {
    const body = request.body as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return;
    for (const field of fields) {
      const value = body[field];
      if (typeof value === 'string') body[field] = value.trim();
    }
  };

/** For actions whose body is optional: no body at all means `{}` (and `null` stays a 400). */
export const noBodyIsEmpty: preValidationHookHandler = async (request) => {
  if (request.body === undefined) request.body = {};
};

/**
 * A body, when a request has one, is a JSON object: `null`, an array or a bare value is refused on
 * every route, also on those that take no fields (where `{}` is accepted), so no route can read
 * one as "nothing sent".
 */
export const bodyIsAnObject: preValidationHookHandler = async (request) => {
  const { body } = request;
  if (body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body))) return;
  throw badRequest('The body must be a JSON object.', [{ field: 'body', message: 'must be a JSON object' }]);
};
