import { unprocessable } from '../errors/problem.js';
import { checkCommand } from './cron-command.js';
import { checkSchedule } from './cron-schedule.js';

/** The schedule and command as stored, or one 422 naming every field that is wrong. */
export function checkedCronJob(input: { schedule: string; command: string }, now: Date) {
  const schedule = checkSchedule(input.schedule, now);
  const command = checkCommand(input.command);
  if (schedule.ok && command.ok) return { schedule: schedule.value, command: command.value };
  const fields = [
    ...(schedule.ok ? [] : schedule.reasons.map((message) => ({ field: 'schedule', message }))),
    ...(command.ok ? [] : command.reasons.map((message) => ({ field: 'command', message }))),
  ];
  throw unprocessable(
    fields.map((field) => field.message).join(' '),
    fields,
    schedule.ok ? 'invalid-command' : 'invalid-schedule',
  );
}
