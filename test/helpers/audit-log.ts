import { asc, eq } from 'drizzle-orm';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import type { TestApp } from './app.js';

/** The stored audit events with this action, oldest first: what a test asserts was audited. */
export const auditedAs = (keel: TestApp, action: string) =>
  keel.handle.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(asc(auditEvents.id));
