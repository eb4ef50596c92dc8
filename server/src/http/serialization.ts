import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';
import { compileOnFirstCall } from './compile-on-first-call.js';

const fastJsonStringify = SerializerSelector();

/** Fastify's own response serializers (fast-json-stringify), each compiled on its first answer. */
export const schemaController: FastifyServerOptions['schemaController'] = {
  compilersFactory: {
    buildSerializer: (externalSchemas, options) => {
      const compile = fastJsonStringify(externalSchemas, options);
      return (route) => compileOnFirstCall(() => compile(route));
    },
  },
};
