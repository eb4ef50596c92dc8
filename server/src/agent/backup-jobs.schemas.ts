import { Type } from 'typebox';
import { backupJobKinds } from '../backups/backups.table.js';

const Id = Type.String({ format: 'uuid' });
const Name = Type.String({ maxLength: 500 });
const Names = Type.Array(Name, { maxItems: 10_000 });

/** The runner's name for its leases, as the agent gives it; the panel prefixes it with the server's id. */
export const RunnerBody = Type.Object(
  { runner: Type.String({ pattern: '^[A-Za-z0-9._-]{1,100}$' }) },
  { additionalProperties: false },
);

export const JobParams = Type.Object({ jobId: Id }, { additionalProperties: false });

const Snapshot = Type.Object(
  {
    part: Type.Enum(['files', 'database', 'mailbox', 'resources']),
    name: Type.Union([Name, Type.Null()]),
    snapshotId: Type.String({ pattern: '^[0-9a-f]{8,64}$' }),
  },
  { additionalProperties: false },
);

const ClaimedJob = Type.Object({
  job: Type.Object({
    id: Type.String(),
    customerId: Type.String(),
    kind: Type.Enum([...backupJobKinds]),
    backupId: Type.Union([Type.String(), Type.Null()]),
    parts: Type.Array(Type.String()),
  }),
  password: Type.Union([Type.String(), Type.Null()]),
  source: Type.Optional(
    Type.Object({
      document: Type.String(),
      databases: Type.Array(Type.String()),
      mailboxes: Type.Array(Type.Object({ id: Type.String(), address: Type.String() })),
      dnsZones: Type.Array(Type.String()),
    }),
  ),
  snapshots: Type.Optional(Type.Array(Snapshot)),
  vacate: Type.Optional(
    Type.Array(Type.Object({ noun: Type.String(), desired: Type.Array(Type.Unknown()) })),
  ),
});

export const Claimed = Type.Object({ claimed: Type.Union([ClaimedJob, Type.Null()]) });
export const Interrupted = Type.Object({ jobs: Type.Array(ClaimedJob) });

export const ProgressBody = Type.Object({ step: Name }, { additionalProperties: false });

export const FinishBody = Type.Union([
  Type.Object({ requeue: Type.Literal(true) }, { additionalProperties: false }),
  Type.Object(
    {
      error: Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()]),
      backup: Type.Optional(
        Type.Object(
          {
            snapshots: Type.Array(Snapshot, { maxItems: 10_000 }),
            contents: Type.Object(
              { files: Type.Boolean(), databases: Names, mailboxes: Names, dnsZones: Names },
              { additionalProperties: false },
            ),
            sizeBytes: Type.Integer({ minimum: 0 }),
          },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  ),
]);

export const ResourcesBody = Type.Object(
  {
    resources: Type.Record(
      Type.String({ maxLength: 50 }),
      Type.Array(Type.Record(Type.String(), Type.Unknown())),
    ),
  },
  { additionalProperties: false },
);

export const Failures = Type.Object({ failures: Type.Array(Type.String()) });

export const ReadinessQuery = Type.Object(
  { noun: Type.Enum(['database', 'mailbox']), name: Name },
  { additionalProperties: false },
);

export const Readiness = Type.Object({
  state: Type.Enum(['ready', 'gone', 'waiting']),
  id: Type.Optional(Type.String()),
  error: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
