import { type Static, type TSchema, Type } from 'typebox';
import { isoTime } from './iso-time.js';

export const ProblemDocument = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem document' },
);

/** A problem document inside another answer (one per refused item), typed like ProblemDocument. */
export const ProblemRef = Type.Unsafe<Static<typeof ProblemDocument>>(Type.Ref('Problem'));

export const Timestamp = Type.String({ format: 'date-time' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

/** The paging parameters every list takes; areas add `sort`, `q` and their filters. */
export const pagingFields = {
  page: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 }),
  perPage: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  after: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 2000,
      pattern: '^[A-Za-z0-9_-]+$',
      description:
        "The previous page's nextCursor: the page after it, in the same sort, instead of `page` (which is then ignored).",
    }),
  ),
};

export const listOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Union([Type.Integer(), Type.Null()], {
      description: 'null when the page was asked by `after`',
    }),
    perPage: Type.Integer(),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `after` for the next page; null on the last page.',
    }),
  });

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });

/** The `sort` parameter: a field name, optionally prefixed by `-` for descending. */
export const sortParameter = (fields: readonly string[]) =>
  Type.String({
    pattern: `^-?(${fields.join('|')})$`,
    description: `One of ${fields.join(', ')}; prefix with - for descending.`,
  });

export function parseSort<F extends string>(sort: string | undefined, fallback: F) {
  const value = sort ?? fallback;
  return value.startsWith('-')
    ? { field: value.slice(1) as F, descending: true }
    : { field: value as F, descending: false };
}

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, Type.Ref('Problem')]));

/** Responses carry RFC 3339 strings in UTC. */
export const iso = isoTime;
export const isoOrNull = (date: Date | null) => (date ? isoTime(date) : null);
