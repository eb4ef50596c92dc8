import { Type } from 'typebox';
import { Id, Owner } from './agent.schemas.js';

/** Far more than one scheduler runs at once (cron-scheduler.ts). */
const maxRuns = 1000;

export const CronClaimBody = Type.Object(
  {
    owner: Owner,
    // The agent's own time limit (KEEL_CRON_TIMEOUT_SECONDS) and a margin, up to a week.
    leaseMs: Type.Integer({ minimum: 1000, maximum: 7 * 24 * 3600 * 1000 }),
    limit: Type.Integer({ minimum: 1, maximum: maxRuns }),
  },
  { additionalProperties: false },
);

export const DueRuns = Type.Object({
  runs: Type.Array(
    Type.Object({
      id: Id,
      customerId: Id,
      command: Type.String(),
      uid: Type.Integer(),
      due: Type.String({ format: 'date-time' }),
    }),
  ),
});

export const CronJobParams = Type.Object({ cronJobId: Id }, { additionalProperties: false });

export const CronRunBody = Type.Object(
  {
    owner: Owner,
    at: Type.String({ format: 'date-time' }),
    exitCode: Type.Union([Type.Integer(), Type.Null()]),
    // The scheduler keeps 16 KiB of a run's output (cron-output.ts).
    output: Type.String({ maxLength: 64 * 1024 }),
  },
  { additionalProperties: false },
);

export const CronJobIds = Type.Object(
  { ids: Type.Array(Id, { maxItems: maxRuns }) },
  { additionalProperties: false },
);
