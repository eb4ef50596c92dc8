import { type Static, Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../contract/schemas.js';
import { serverRoles } from '../db/schema/servers.js';
import { moveStates, moveSteps } from './moves.table.js';

export const MoveBody = Type.Object(
  {
    serverId: Type.String({
      format: 'uuid',
      description: 'The server to move the customer to (GET /servers).',
    }),
  },
  { additionalProperties: false },
);

const ServerRef = Type.Object({ id: Type.String(), name: Type.String() });

export const CustomerMove = Type.Union(
  [
    Type.Object({
      state: Type.Enum([...moveStates], {
        description: '`running` until done; a `failed` move left the customer served from `fromServer`.',
      }),
      step: Type.Enum([...moveSteps], {
        description:
          'backing-up on the source, provisioning the resources on the target, restoring the backup there, syncing (a short final backup and restore), removing from the source.',
      }),
      fromServer: ServerRef,
      toServer: ServerRef,
      error: Type.Union([Type.String(), Type.Null()], {
        description: 'Why the move failed; on a move done, what could not be removed from the source.',
      }),
      startedAt: Timestamp,
      finishedAt: NullableTimestamp,
    }),
    Type.Null(),
  ],
  { description: "The customer's latest move between servers (POST /customers/{id}/move), or null." },
);

export const MoveTarget = Type.Object({
  id: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.Enum(serverRoles)),
  group: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('online'), Type.Literal('offline')]),
  eligible: Type.Boolean({
    description: 'Whether POST /customers/{id}/move would accept this server now.',
  }),
  reason: Type.Union([Type.String(), Type.Null()], {
    description:
      "Why not, as the move would answer it: offline, outside the package's server group, lacking a role the customer needs; null when eligible.",
  }),
});
export type MoveTarget = Static<typeof MoveTarget>;

export const MoveTargetList = Type.Object(
  { items: Type.Array(MoveTarget) },
  {
    description:
      "Every server but the customer's own, local first then by name, each judged by the move's own rule.",
  },
);
