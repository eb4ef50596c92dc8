import { type Static, Type } from 'typebox';

export const PasswordPolicy = Type.Object(
  {
    minLength: Type.Integer({
      minimum: 8,
      maximum: 128,
      description: 'At least 15 is recommended (NIST 800-63B-4).',
    }),
    maxLength: Type.Integer({ minimum: 128, maximum: 1024 }),
    requireUppercase: Type.Boolean(),
    requireLowercase: Type.Boolean(),
    requireDigit: Type.Boolean(),
    requireSymbol: Type.Boolean(),
    rejectCommon: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type PasswordPolicy = Static<typeof PasswordPolicy>;

const securityFields = {
  passwordPolicy: PasswordPolicy,
  sessionIdleMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  sessionMaxHours: Type.Integer({ minimum: 1, maximum: 720 }),
};

const RequirePasswordChangeAfterReset = Type.Boolean({
  description:
    'A customer whose password an admin or reseller set or generated must choose its own at its next sign-in before doing anything else (ASVS 6.4.1). Off by default.',
});

const RequireTwoFactorFor = Type.Array(
  Type.Union([Type.Literal('admin'), Type.Literal('reseller'), Type.Literal('customer')]),
  {
    uniqueItems: true,
    maxItems: 3,
    description:
      'Roles whose users must sign in with a second factor: a user of such a role without it must set it up before anything else. Empty by default.',
  },
);

export const SecuritySettings = Type.Object(
  {
    ...securityFields,
    requirePasswordChangeAfterReset: RequirePasswordChangeAfterReset,
    requireTwoFactorFor: RequireTwoFactorFor,
  },
  { additionalProperties: false },
);
export type SecuritySettings = Static<typeof SecuritySettings>;

/** What PUT takes: a field added after the API's first version may be left out and keeps its value. */
export const SecuritySettingsBody = Type.Object(
  {
    ...securityFields,
    requirePasswordChangeAfterReset: Type.Optional(RequirePasswordChangeAfterReset),
    requireTwoFactorFor: Type.Optional(RequireTwoFactorFor),
  },
  { additionalProperties: false },
);
export type SecuritySettingsBody = Static<typeof SecuritySettingsBody>;

export const PlatformSettings = Type.Object(
  {
    permanentDeleteAfterDays: Type.Integer({
      minimum: 0,
      maximum: 3650,
      description: 'Days a soft-deleted customer is kept before it is purged; 0 purges at once.',
    }),
  },
  { additionalProperties: false },
);
export type PlatformSettings = Static<typeof PlatformSettings>;

export const defaultSecuritySettings: SecuritySettings = {
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

export const defaultPlatformSettings: PlatformSettings = { permanentDeleteAfterDays: 30 };

const backupFields = {
  schedule: Type.Union([Type.Literal('off'), Type.Literal('daily')], {
    description: 'daily: every customer not deleted is backed up once every 24 hours.',
  }),
  keepDaily: Type.Integer({
    minimum: 0,
    maximum: 366,
    description: 'Scheduled backups kept: the newest of each of this many last days that have one.',
  }),
  keepWeekly: Type.Integer({
    minimum: 0,
    maximum: 520,
    description: 'Besides those, the newest of each of this many last weeks that have one.',
  }),
};

const KeepAfterPurgeDays = Type.Integer({
  minimum: 0,
  maximum: 3650,
  description:
    "0 (the default): a purge deletes the customer's backups and their key. More: a purge first takes a final backup (trigger before-purge; if it fails the purge stops and says why), then keeps the customer's repository with its sealed key for this many days under KEEL_BACKUP_DIR/purged/, where only an operator restores from it.",
});

export const BackupSettings = Type.Object(
  { ...backupFields, keepAfterPurgeDays: KeepAfterPurgeDays },
  { additionalProperties: false },
);
export type BackupSettings = Static<typeof BackupSettings>;

/** What PUT takes: `keepAfterPurgeDays` came later and keeps its value when left out. */
export const BackupSettingsBody = Type.Object(
  { ...backupFields, keepAfterPurgeDays: Type.Optional(KeepAfterPurgeDays) },
  { additionalProperties: false },
);
export type BackupSettingsBody = Static<typeof BackupSettingsBody>;

export const defaultBackupSettings: BackupSettings = {
  schedule: 'off',
  keepDaily: 7,
  keepWeekly: 4,
  keepAfterPurgeDays: 0,
};

export const PhpVersions = Type.Object({
  versions: Type.Array(Type.String({ pattern: '^[0-9]+\\.[0-9]+$' }), {
    description:
      "The PHP versions whose php-fpm is installed on this server, oldest first; a website's php.version is one of them. Empty: no PHP.",
  }),
});
