import { type Static, Type } from 'typebox';
import { appliedStates } from '../db/schema/reconciled.js';

export const Id = Type.String({ format: 'uuid' });
const Text = Type.String({ maxLength: 10_000 });

export const kindParams = (nouns: readonly string[]) =>
  Type.Object({ kind: Type.Enum([...nouns]) }, { additionalProperties: false });

export const EnrollBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const Enrolled = Type.Object({
  server: Type.Object({ id: Type.String(), name: Type.String() }),
  credential: Type.String(),
});

export const HeartbeatBody = Type.Object(
  { agentVersion: Type.String({ minLength: 1, maxLength: 50 }) },
  { additionalProperties: false },
);

export const Heartbeat = Type.Object({
  server: Type.Object({ id: Type.String(), name: Type.String() }),
  heartbeatMs: Type.Integer(),
});

export const WorkQuery = Type.Object(
  { after: Type.Integer({ minimum: -1 }) },
  { additionalProperties: false },
);

/** A lease holder's name as the agent gives it; the panel prefixes it with the server's id. */
export const Owner = Type.String({ pattern: '^[A-Za-z0-9._-]{1,100}$' });

export const ClaimBody = Type.Object(
  { owner: Owner, limit: Type.Integer({ minimum: 1, maximum: 5000 }) },
  { additionalProperties: false },
);

const Claim = Type.Object(
  { id: Id, customerId: Id, generation: Type.Integer(), state: Type.Enum(appliedStates) },
  { additionalProperties: false },
);

export const ClaimedWork = Type.Object({
  claims: Type.Array(Claim),
  desired: Type.Optional(Type.Array(Type.Unknown())),
  error: Type.Optional(Type.String()),
});

export const OutcomesBody = Type.Object(
  {
    owner: Owner,
    outcomes: Type.Array(
      Type.Object(
        {
          claim: Claim,
          ok: Type.Boolean(),
          error: Type.Union([Text, Type.Null()]),
          unconfigured: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
      { maxItems: 5000 },
    ),
  },
  { additionalProperties: false },
);
export type OutcomesBody = Static<typeof OutcomesBody>;

export const RetryAt = Type.Object({ retryAt: Type.Union([Type.String(), Type.Null()]) });

export const HeldBody = Type.Object(
  {
    held: Type.Array(Type.Object({ id: Id, error: Text }, { additionalProperties: false }), {
      maxItems: 5000,
    }),
  },
  { additionalProperties: false },
);

export const Released = Type.Object({ released: Type.Integer() });

export const Applied = Type.Object({ applied: Type.Array(Type.Unknown()), known: Type.Array(Type.String()) });

export const DriftBody = Type.Object(
  {
    drifted: Type.Array(
      Type.Object(
        { id: Id, differences: Type.Array(Text, { maxItems: 50 }) },
        { additionalProperties: false },
      ),
      { maxItems: 50_000 },
    ),
    foreign: Type.Array(
      Type.Object({ file: Text, movedTo: Type.Optional(Text) }, { additionalProperties: false }),
      { maxItems: 10_000 },
    ),
    unchecked: Type.Optional(Type.Array(Text, { maxItems: 1000 })),
  },
  { additionalProperties: false },
);

export const MeasuredBody = Type.Object({ measured: Type.Unknown() }, { additionalProperties: false });

/** Customers of the agent's server whose homes its purge waits for. */
export const HomesDue = Type.Object({ customerIds: Type.Array(Id) });

export const HomesRemovedBody = Type.Object(
  { customerIds: Type.Array(Id, { maxItems: 10_000 }) },
  { additionalProperties: false },
);

/** What the server's services should hold of a kind, by inventory item kind (keel doctor on the agent). */
export const Expected = Type.Record(
  Type.String(),
  Type.Object({ known: Type.Array(Type.String()), applied: Type.Array(Type.String()) }),
);
