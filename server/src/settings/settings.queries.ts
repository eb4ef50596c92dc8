import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { settings } from '../db/schema/settings.js';
import {
  defaultPlatformSettings,
  defaultSecuritySettings,
  type PlatformSettings,
  type SecuritySettings,
} from './settings.schemas.js';

async function readGroup<T extends object>(db: Queryable, key: string, defaults: T): Promise<T> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return { ...defaults, ...((row?.value as Partial<T> | undefined) ?? {}) };
}

export async function writeGroup(db: Queryable, key: string, value: object, now: Date): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}

export const readSecuritySettings = (db: Queryable): Promise<SecuritySettings> =>
  readGroup(db, 'security', defaultSecuritySettings);

export const readPlatformSettings = (db: Queryable): Promise<PlatformSettings> =>
  readGroup(db, 'platform', defaultPlatformSettings);
