import { type Static, Type } from 'typebox';
import { NullableTimestamp, pagingFields, Timestamp } from '../contract/schemas.js';
import { backupParts } from './backup-parts.js';

export const BackupParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), backupId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export type BackupParams = Static<typeof BackupParams>;

export const BackupListQuery = Type.Object(pagingFields, { additionalProperties: false });
export type BackupListQuery = Static<typeof BackupListQuery>;

export const BackupContents = Type.Object(
  {
    files: Type.Boolean({ description: "Whether the customer's home (its websites' files) is in it." }),
    databases: Type.Array(Type.String(), { description: 'The databases dumped into it.' }),
    mailboxes: Type.Array(Type.String(), { description: 'The mailboxes whose mail is in it.' }),
    dnsZones: Type.Array(Type.String(), { description: 'The DNS zones whose records are in it.' }),
  },
  { additionalProperties: false },
);

export const Backup = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    createdAt: Timestamp,
    finishedAt: NullableTimestamp,
    trigger: Type.Union([
      Type.Literal('manual'),
      Type.Literal('scheduled'),
      Type.Literal('before-purge'),
      Type.Literal('before-move'),
    ]),
    state: Type.Union([Type.Literal('running'), Type.Literal('ready'), Type.Literal('failed')]),
    error: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed; null otherwise.' }),
    sizeBytes: Type.Integer({
      description: 'The size of what it holds, before deduplication and compression.',
    }),
    contents: BackupContents,
  },
  { additionalProperties: false },
);
export type Backup = Static<typeof Backup>;

export const StartedBackup = Type.Object({ backup: Backup }, { additionalProperties: false });

export const BackupJob = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Union(
      [Type.Literal('backup'), Type.Literal('restore'), Type.Literal('forget'), Type.Literal('vacate')],
      {
        description:
          'backup: taking one; restore: putting one back; forget: removing a deleted backup’s data from the repository.',
      },
    ),
    parts: Type.Array(Type.String(), { description: 'The parts a restore puts back; empty for the others.' }),
    backupId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    state: Type.Union([
      Type.Literal('queued'),
      Type.Literal('running'),
      Type.Literal('done'),
      Type.Literal('failed'),
    ]),
    progress: Type.Union([Type.String(), Type.Null()], { description: 'What a running job does now.' }),
    error: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    startedAt: NullableTimestamp,
    finishedAt: NullableTimestamp,
  },
  { additionalProperties: false },
);
export type BackupJob = Static<typeof BackupJob>;

export const RestoreBody = Type.Object(
  {
    parts: Type.Optional(
      Type.Array(Type.Union(backupParts.map((part) => Type.Literal(part))), {
        minItems: 1,
        maxItems: backupParts.length,
        uniqueItems: true,
        description: 'What to put back; all of it when left out.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RestoreBody = Static<typeof RestoreBody>;

export const StartedRestore = Type.Object({ job: BackupJob }, { additionalProperties: false });
