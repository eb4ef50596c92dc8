import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents } from '../../server/src/db/schema/audit.js';
import { settings } from '../../server/src/db/schema/settings.js';
import { testApp } from '../helpers/app.js';

const defaults = {
  passwordPolicy: {
    minLength: 15,
    maxLength: 128,
    requireUppercase: false,
    requireLowercase: false,
    requireDigit: false,
    requireSymbol: false,
    rejectCommon: true,
  },
  sessionIdleMinutes: 60,
  sessionMaxHours: 24,
  requirePasswordChangeAfterReset: false,
  requireTwoFactorFor: [],
};

/** The body as clients written against the first version of the API send it. */
const {
  requirePasswordChangeAfterReset: _addedLater,
  requireTwoFactorFor: _addedLaterStill,
  ...firstVersionBody
} = defaults;

describe('settings', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const auditOf = (action: string) =>
    keel.handle.db.select().from(auditEvents).where(eq(auditEvents.action, action));

  it('gives the NIST defaults before anything is saved', async () => {
    const response = await admin.get('/settings/security');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(defaults);
    expect((await admin.get('/settings/platform')).json()).toEqual({ permanentDeleteAfterDays: 30 });
  });

  it('saves the security settings, applies them and audits the changed fields only', async () => {
    const wanted = {
      ...defaults,
      passwordPolicy: { ...defaults.passwordPolicy, minLength: 20, requireDigit: true },
      sessionIdleMinutes: 30,
    };
    const response = await admin.put('/settings/security', wanted);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(wanted);
    expect((await admin.get('/settings/security')).json()).toEqual(wanted);
    const [event] = await auditOf('settings.security_updated');
    expect(event?.details).toEqual({
      changes: {
        'passwordPolicy.minLength': { from: 15, to: 20 },
        'passwordPolicy.requireDigit': { from: false, to: true },
        sessionIdleMinutes: { from: 60, to: 30 },
      },
    });
    expect(event?.actorRole).toBe('admin');
    // Saving the same values again is no change and leaves no second event.
    expect((await admin.put('/settings/security', wanted)).statusCode).toBe(200);
    expect(await auditOf('settings.security_updated')).toHaveLength(1);
    await admin.put('/settings/security', defaults);
  });

  it('keeps the first-sign-in rule as it is when a PUT leaves it out, as clients of the first API version do', async () => {
    const on = await admin.put('/settings/security', { ...defaults, requirePasswordChangeAfterReset: true });
    expect(on.json().requirePasswordChangeAfterReset).toBe(true);
    const older = await admin.put('/settings/security', { ...firstVersionBody, sessionIdleMinutes: 45 });
    expect(older.statusCode).toBe(200);
    expect(older.json()).toEqual({
      ...defaults,
      sessionIdleMinutes: 45,
      requirePasswordChangeAfterReset: true,
    });
    // The saving audits the one field that changed; the rule left out is no change.
    const events = await auditOf('settings.security_updated');
    expect(events.map((event) => event.details)).toContainEqual({
      changes: { sessionIdleMinutes: { from: 60, to: 45 } },
    });
    await admin.put('/settings/security', defaults);
  });

  it('refuses a first-sign-in rule that is not a boolean, and changes nothing', async () => {
    const response = await admin.put('/settings/security', {
      ...defaults,
      requirePasswordChangeAfterReset: 'yes',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(
      'requirePasswordChangeAfterReset',
    );
    expect((await admin.get('/settings/security')).json()).toEqual(defaults);
  });

  it('saves the retention, 0 included, and audits it', async () => {
    const response = await admin.put('/settings/platform', { permanentDeleteAfterDays: 0 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ permanentDeleteAfterDays: 0 });
    expect((await admin.get('/settings/platform')).json()).toEqual({ permanentDeleteAfterDays: 0 });
    const [event] = await auditOf('settings.platform_updated');
    expect(event?.details).toEqual({ changes: { permanentDeleteAfterDays: { from: 30, to: 0 } } });
    await admin.put('/settings/platform', { permanentDeleteAfterDays: 30 });
  });

  const nonsense: [string, unknown][] = [
    ['a negative retention', { permanentDeleteAfterDays: -1 }],
    ['a fractional retention', { permanentDeleteAfterDays: 1.5 }],
    ['a retention given as text', { permanentDeleteAfterDays: '30' }],
    ['an unknown field', { permanentDeleteAfterDays: 30, purgeNow: true }],
    ['an empty body', {}],
  ];
  it.each(nonsense)('refuses %s on the platform settings with 400 and changes nothing', async (_, body) => {
    const before = await keel.handle.db.select().from(settings);
    const response = await admin.put('/settings/platform', body);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors.length).toBeGreaterThan(0);
    expect(await keel.handle.db.select().from(settings)).toEqual(before);
  });

  const badSecurity: [string, unknown, number, string][] = [
    ['a negative minimum length', { passwordPolicy: { minLength: -5 } }, 400, 'passwordPolicy.minLength'],
    ['a minimum below 8', { passwordPolicy: { minLength: 4 } }, 400, 'passwordPolicy.minLength'],
    ['a maximum below 128', { passwordPolicy: { maxLength: 64 } }, 400, 'passwordPolicy.maxLength'],
    ['a zero idle timeout', { sessionIdleMinutes: 0 }, 400, 'sessionIdleMinutes'],
    ['a boolean as text', { passwordPolicy: { rejectCommon: 'yes' } }, 400, 'passwordPolicy.rejectCommon'],
    ['an unknown policy field', { passwordPolicy: { expireDays: 90 } }, 400, 'passwordPolicy.expireDays'],
    [
      'an idle timeout past the lifetime',
      { sessionIdleMinutes: 180, sessionMaxHours: 2 },
      422,
      'sessionIdleMinutes',
    ],
  ];
  it.each(badSecurity)('answers %s with the right status and field', async (_, change, status, field) => {
    const body = {
      ...defaults,
      ...(change as object),
      passwordPolicy: {
        ...defaults.passwordPolicy,
        ...((change as { passwordPolicy?: object }).passwordPolicy ?? {}),
      },
    };
    const response = await admin.put('/settings/security', body);
    expect(response.statusCode).toBe(status);
    expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(field);
    expect((await admin.get('/settings/security')).json()).toEqual(defaults);
  });

  it('accepts the strictest policy the schema allows', async () => {
    const body = {
      ...defaults,
      passwordPolicy: { ...defaults.passwordPolicy, minLength: 128, maxLength: 128 },
    };
    expect((await admin.put('/settings/security', body)).statusCode).toBe(200);
    await admin.put('/settings/security', defaults);
  });

  it('is for admins only, and needs the CSRF header', async () => {
    expect((await keel.anonymous().get('/settings/security')).statusCode).toBe(401);
    expect(
      (await keel.anonymous().put('/settings/platform', { permanentDeleteAfterDays: 1 })).statusCode,
    ).toBe(401);
    const noCsrf = await admin.put(
      '/settings/platform',
      { permanentDeleteAfterDays: 1 },
      { 'x-csrf-token': '' },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect((await admin.get('/settings/platform')).json()).toEqual({ permanentDeleteAfterDays: 30 });
  });
});
