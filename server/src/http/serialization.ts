import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';
import { compileOnFirstCall } from './compile-on-first-call.js';

const fastJsonStringify = SerializerSelector();

type Compile = ReturnType<typeof fastJsonStringify>;
type SerializerRoute = Parameters<Compile>[0];
type Serializer = ReturnType<Compile>;

interface ListSchema {
  type: 'object';
  properties: { items: { type: 'array'; items: object } } & Record<string, object>;
  required?: string[];
}

const isListSchema = (schema: unknown): schema is ListSchema => {
  const items = (schema as { properties?: { items?: { type?: unknown } } } | null)?.properties?.items;
  return items?.type === 'array';
};

// Well under V8's 128 KiB bound for ordinary heap objects, even at two bytes a character.
const chunkCharacters = 32_768;

/**
 * A list's answer as bytes, its items serialized one by one. Serialized whole, a page of 100
 * customers is one 140 kB string, over V8's 128 KiB bound for ordinary heap objects: Fastify
 * measuring it for its Content-Length made V8 copy it into a large object of its own (0.6 ms, and
 * old-space garbage), then the socket encoded it to UTF-8 once more (docs/performance.md, issue
 * 17's eleventh pass). The items' JSON is encoded a few dozen kilobytes at a time instead, once,
 * into the answer's bytes.
 */
function listSerializer(compile: Compile, route: SerializerRoute & { schema: ListSchema }): Serializer {
  const { items, ...envelope } = route.schema.properties;
  const serializeItem = compile({ ...route, schema: items.items });
  const serializeEnvelope = compile({
    ...route,
    schema: {
      ...route.schema,
      properties: envelope,
      required: route.schema.required?.filter((name: string) => name !== 'items'),
    },
  });
  const serialize = (list: { items: unknown[] }) => {
    const chunks: Buffer[] = [];
    let text = '{"items":[';
    for (const [index, item] of list.items.entries()) {
      if (index > 0) text += ',';
      text += serializeItem(item);
      if (text.length < chunkCharacters) continue;
      chunks.push(Buffer.from(text));
      text = '';
    }
    // The envelope's own JSON without the items: "{}" or "{"total":…}", whose "{" the items took.
    const envelopeText = serializeEnvelope(list);
    text += envelopeText === '{}' ? ']}' : `],${envelopeText.slice(1)}`;
    chunks.push(Buffer.from(text));
    return Buffer.concat(chunks);
  };
  // Typed as text, but Fastify sends the bytes a serializer returns as they are, as it sends a
  // Buffer a route returns (test/api/list-serialization.test.ts).
  return serialize as unknown as Serializer;
}

/** Fastify's own response serializers (fast-json-stringify), each compiled on its first answer. */
export const schemaController: FastifyServerOptions['schemaController'] = {
  compilersFactory: {
    buildSerializer: (externalSchemas, options) => {
      const compile = fastJsonStringify(externalSchemas, options);
      return (route) =>
        compileOnFirstCall(() => {
          const { schema } = route;
          return isListSchema(schema) ? listSerializer(compile, { ...route, schema }) : compile(route);
        });
    },
  },
};
