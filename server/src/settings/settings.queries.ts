import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { settings } from '../db/schema/settings.js';
import {
  type BackupSettings,
  defaultBackupSettings,
  defaultPlatformSettings,
  defaultSecuritySettings,
  type PlatformSettings,
  type SecuritySettings,
} from './settings.schemas.js';

/** A stored group over its defaults: a group never written, or written before a field existed, still reads whole. */
const withDefaults = <T extends object>(defaults: T, stored: unknown): T => ({
  ...defaults,
  ...((stored as Partial<T> | null | undefined) ?? {}),
});

async function readGroup<T extends object>(db: Queryable, key: string, defaults: T): Promise<T> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return withDefaults(defaults, row?.value);
}

/** The security settings from the stored `security` group's value (null when never written). */
export const securitySettingsOf = (stored: unknown): SecuritySettings =>
  withDefaults(defaultSecuritySettings, stored);

export async function writeGroup(db: Queryable, key: string, value: object, now: Date): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
}

export const securityGroup = 'security';

export const readSecuritySettings = (db: Queryable): Promise<SecuritySettings> =>
  readGroup(db, securityGroup, defaultSecuritySettings);

export const readPlatformSettings = (db: Queryable): Promise<PlatformSettings> =>
  readGroup(db, 'platform', defaultPlatformSettings);

export const readBackupSettings = (db: Queryable): Promise<BackupSettings> =>
  readGroup(db, 'backups', defaultBackupSettings);
