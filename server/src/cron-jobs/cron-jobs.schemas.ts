import { type Static, Type } from 'typebox';
import { Timestamp } from '../contract/schemas.js';
import { Provisioning } from '../hosting/provisioning-view.js';
import { MAX_COMMAND_LENGTH } from './cron-command.js';
import { MAX_SCHEDULE_LENGTH } from './cron-schedule.js';

const Schedule = Type.String({
  minLength: 1,
  maxLength: MAX_SCHEDULE_LENGTH,
  description:
    'Five cron fields (minute hour day-of-month month day-of-week) or @hourly, @daily, @weekly, @monthly, @yearly; read in UTC.',
});

const Command = Type.String({
  minLength: 1,
  maxLength: MAX_COMMAND_LENGTH,
  description: "One line, run by /bin/sh -c as the customer's own system user in its home.",
});

export const CronRun = Type.Object({
  at: Timestamp,
  exitCode: Type.Union([Type.Integer(), Type.Null()], {
    description: '128 + the signal number when it was killed (137 after the time limit).',
  }),
  output: Type.String({ description: 'The last lines of stdout and stderr together.' }),
});

export const CronJob = Type.Object({
  id: Type.String(),
  schedule: Type.String(),
  command: Type.String(),
  enabled: Type.Boolean({
    description:
      "The customer's own switch; a suspended or deleted customer's jobs never run, whatever it says.",
  }),
  lastRun: Type.Union([CronRun, Type.Null()], { description: 'The last run, null before the first.' }),
  provisioning: Provisioning,
  createdAt: Timestamp,
});
export type CronJob = Static<typeof CronJob>;

export const CreateCronJobBody = Type.Object(
  { schedule: Schedule, command: Command, enabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CreateCronJobBody = Static<typeof CreateCronJobBody>;

export const UpdateCronJobBody = Type.Object(
  {
    schedule: Type.Optional(Schedule),
    command: Type.Optional(Command),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCronJobBody = Static<typeof UpdateCronJobBody>;
