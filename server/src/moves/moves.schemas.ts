import { Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../contract/schemas.js';
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
