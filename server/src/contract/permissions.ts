import { type Static, Type } from 'typebox';

/** What the caller may do with one object: the server's own rule, presented with the object. */
export const Permission = Type.Object(
  {
    allowed: Type.Boolean(),
    reason: Type.Union([Type.String(), Type.Null()], {
      description: 'Why it is not allowed, in a few words for people; null when allowed.',
    }),
  },
  { additionalProperties: false },
);
export type Permission = Static<typeof Permission>;

/**
 * The `permissions` field of an object, one Permission per action. The use case behind each
 * action applies the same rule, so an allowed action is not refused for who asks or the object's
 * state (it can still fail on its input, or when the object changes meanwhile).
 */
export const permissionsFor = <A extends string>(actions: readonly A[], description: string) =>
  Type.Object(
    Object.fromEntries(actions.map((action) => [action, Permission])) as Record<A, typeof Permission>,
    { description },
  );
