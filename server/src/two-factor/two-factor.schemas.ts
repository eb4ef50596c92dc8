import { Type } from 'typebox';
import { NullableTimestamp } from '../contract/schemas.js';

/** Six digits from the authenticator app; spaces (as some apps show them) are ignored. */
export const TotpCode = Type.String({
  pattern: '^[0-9 ]{6,9}$',
  description: 'The current six-digit code of the authenticator app.',
});

export const RecoveryCode = Type.String({
  minLength: 10,
  maxLength: 24,
  description: 'One of the recovery codes shown when two-factor sign-in was turned on; each works once.',
});

export const TwoFactorStatus = Type.Object({
  enabled: Type.Boolean(),
  enabledAt: NullableTimestamp,
  recoveryCodesLeft: Type.Integer({ description: 'Recovery codes not yet used.' }),
});

export const TwoFactorSetup = Type.Object({
  secret: Type.String({ description: 'The base32 key, for typing into an authenticator app by hand.' }),
  otpauthUrl: Type.String({ description: 'The otpauth:// URL an authenticator app reads from a QR code.' }),
});

export const EnableTwoFactorBody = Type.Object({ code: TotpCode }, { additionalProperties: false });

export const RecoveryCodes = Type.Object({
  recoveryCodes: Type.Array(Type.String(), {
    description: 'Ten one-time recovery codes, shown this once: store them somewhere safe.',
  }),
});

export const DisableTwoFactorBody = Type.Object(
  {
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    code: Type.Optional(TotpCode),
    recoveryCode: Type.Optional(RecoveryCode),
  },
  { additionalProperties: false, description: 'The password and either code or recoveryCode.' },
);
