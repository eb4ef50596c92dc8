import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { migrationsCurrent } from '../db/migrate.js';

export type Readiness = { ready: true } | { ready: false; reason: string };

/** Longer than a healthy database takes to answer, short enough for a load balancer's probe. */
const answerWithinMs = 2_000;

function withinDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${answerWithinMs} ms`)), answerWithinMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Whether this panel can serve requests: its database answers and holds every migration this
 * code knows. A database behind the code (an upgrade still migrating on another instance) or
 * ahead of it (a newer Keel migrated it) is not ready, so a load balancer keeps traffic away.
 */
export async function checkReadiness(db: Database): Promise<Readiness> {
  try {
    await withinDeadline(db.execute(sql`select 1`));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ready: false, reason: `The database does not answer: ${message}` };
  }
  const current = await withinDeadline(migrationsCurrent(db)).catch(() => false);
  if (!current) {
    return {
      ready: false,
      reason: 'The database schema does not match this version of Keel: its migrations are not applied.',
    };
  }
  return { ready: true };
}
