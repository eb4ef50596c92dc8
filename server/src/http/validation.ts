import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { visibleTextKeyword } from '../contract/visible-text.js';
import { compileOnFirstCall } from './compile-on-first-call.js';

function compilerWith(options: Options) {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
    ...options,
  });
  addFormats.default(ajv);
  ajv.addKeyword(visibleTextKeyword);
  return ajv;
}

/**
 * Bodies are validated as sent: a number where a string belongs is a 400, not silently coerced.
 * Query strings and path parameters arrive as text, so they are coerced to the schema's types.
 */
export function schemaValidators(sharedSchemas: object[]): FastifySchemaCompiler<unknown> {
  const strict = compilerWith({ coerceTypes: false });
  const coercing = compilerWith({ coerceTypes: 'array' });
  for (const schema of sharedSchemas) {
    strict.addSchema(schema);
    coercing.addSchema(schema);
  }
  return ({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object) as ReturnType<
      FastifySchemaCompiler<unknown>
    >;
}

/** The validators Keel runs: each compiled on its route's first request. */
export function validatorCompiler(sharedSchemas: object[]): FastifySchemaCompiler<unknown> {
  const compile = schemaValidators(sharedSchemas);
  return (route) => compileOnFirstCall(() => compile(route)) as ReturnType<FastifySchemaCompiler<unknown>>;
}
