import { eq } from 'drizzle-orm';
import { changedFields } from '../audit/changes.js';
import type { AuditAction } from '../audit/events.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { settings } from '../db/schema/settings.js';
import { writeGroup } from './settings.queries.js';

export interface SettingsGroup<T extends object> {
  key: string;
  defaults: T;
  read: (db: Queryable) => Promise<T>;
  action: AuditAction;
}

/**
 * Replaces one settings group under a row lock, so two admins saving at once apply one after the
 * other, and audits the fields that changed. Saving the same values again changes nothing. A field
 * the request leaves out (one the schema lets it omit) keeps its stored value.
 */
export async function replaceSettingsGroup<T extends object>(
  ctx: Context,
  group: SettingsGroup<T>,
  given: Partial<T>,
) {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    // The row must exist to be locked; a first save starts from the defaults.
    await tx
      .insert(settings)
      .values({ key: group.key, value: group.defaults, updatedAt: now })
      .onConflictDoNothing();
    await tx.select({ key: settings.key }).from(settings).where(eq(settings.key, group.key)).for('update');
    const before = await group.read(tx);
    const value: T = { ...before, ...given };
    const changes = changedFields(before as Record<string, unknown>, value as Record<string, unknown>);
    if (Object.keys(changes).length === 0) return before;
    await writeGroup(tx, group.key, value, now);
    await record(tx, ctx, {
      action: group.action,
      target: { type: 'settings', id: group.key },
      details: { changes },
    });
    return value;
  });
}
