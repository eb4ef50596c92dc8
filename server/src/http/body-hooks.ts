import type { preValidationHookHandler } from 'fastify';

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

/** For actions whose body is optional: no body at all means `{}`. */
export const noBodyIsEmpty: preValidationHookHandler = async (request) => {
  request.body ??= {};
};
