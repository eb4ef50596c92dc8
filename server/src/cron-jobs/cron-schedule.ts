import { Cron } from 'croner';
import type { Checked } from '../hosting/names.js';

export const MAX_SCHEDULE_LENGTH = 100;

/**
 * A schedule as cron reads it, parsed by croner: five fields (minute, hour, day of month, month,
 * day of week; names and @daily-style macros allowed), day of month OR day of week as Vixie cron
 * has it, read in UTC so every Keel process and the panel agree on the times.
 */
function parsed(schedule: string): Cron {
  return new Cron(schedule, { mode: '5-part', timezone: 'Etc/UTC', paused: true });
}

/** The schedule as stored (fields separated by one space), or why it does not parse. */
export function checkSchedule(input: string, now: Date): Checked<string> {
  const value = input.trim().split(/\s+/).join(' ');
  if (value.length > MAX_SCHEDULE_LENGTH) {
    return { ok: false, reasons: [`The schedule must be at most ${MAX_SCHEDULE_LENGTH} characters.`] };
  }
  try {
    // A schedule that matches no date (31 February) parses but would never run.
    if (parsed(value).nextRun(now) === null) {
      return { ok: false, reasons: [`The schedule "${value}" never comes due.`] };
    }
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    return { ok: false, reasons: [`The schedule "${value}" is not a cron schedule: ${why}`] };
  }
  return { ok: true, value };
}

/** The first due time strictly after `after`; a stored schedule always has one. */
export function nextDue(schedule: string, after: Date): Date {
  const next = parsed(schedule).nextRun(after);
  if (next === null) throw new Error(`the schedule "${schedule}" never comes due`);
  return next;
}

/** The latest due time at or before `at`, or null when there is none. */
export function latestDue(schedule: string, at: Date): Date | null {
  // previousRuns looks strictly before its reference: a due time at `at` itself counts.
  return parsed(schedule).previousRuns(1, new Date(at.getTime() + 1000))[0] ?? null;
}
