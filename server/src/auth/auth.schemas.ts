import { type Static, Type } from 'typebox';
import { apiScopeNames, apiScopes } from '../access/scopes.js';
import { NullableTimestamp, Timestamp } from '../contract/schemas.js';
import { TimestampInput } from '../contract/timestamp-input.js';
import { VisibleText } from '../contract/visible-text.js';
import { RecoveryCode, TotpCode } from '../two-factor/two-factor.schemas.js';

export const SessionUser = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('reseller'), Type.Literal('customer')]),
  customerId: Type.Optional(Type.String()),
});
export type SessionUser = Static<typeof SessionUser>;

export const SessionState = Type.Object({
  user: SessionUser,
  csrfToken: Type.String(),
  impersonator: Type.Union([SessionUser, Type.Null()]),
  passwordChangeRequired: Type.Boolean({
    description:
      'True when the user must choose its own password before anything else (the security setting requirePasswordChangeAfterReset, after an operator set or generated it). Until then every other request is 403 password-change-required.',
  }),
  twoFactorSetupRequired: Type.Boolean({
    description:
      'True when the signed-in user must set up two-factor sign-in before anything else (the security setting requireTwoFactorFor names its role). Until then every other request is 403 two-factor-setup-required.',
  }),
});

export const TwoFactorChallenge = Type.Object({
  twoFactorRequired: Type.Literal(true, {
    description:
      'The password is right and the user signs in with a second factor: no session yet. Repeat the login with `code` (or `recoveryCode`).',
  }),
});

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    code: Type.Optional(TotpCode),
    recoveryCode: Type.Optional(RecoveryCode),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const ApiScope = Type.Enum(apiScopeNames, {
  description: `What an API token may do: ${apiScopeNames.map((scope) => `\`${scope}\` (${apiScopes[scope]})`).join('; ')}.`,
});

export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(ApiScope, {
    description: "The token's scopes; empty means its user's full role.",
  }),
  expiresAt: Type.Union([Timestamp, Type.Null()], { description: 'When it stops working; null: never.' }),
  allowedIps: Type.Array(Type.String(), {
    description: 'The addresses and CIDR ranges it may be used from; empty means any.',
  }),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  lastUsedIp: Type.Union([Type.String(), Type.Null()], { description: 'The address it was last used from.' }),
});

export const CreateApiTokenBody = Type.Object(
  {
    name: VisibleText(100),
    scopes: Type.Optional(
      Type.Array(ApiScope, {
        maxItems: apiScopeNames.length,
        uniqueItems: true,
        description: 'Limit the token to these scopes; none (or an empty list) gives it your full role.',
      }),
    ),
    expiresAt: Type.Optional(
      Type.Union([TimestampInput, Type.Null()], {
        description: 'When it stops working (in the future); null or left out: never.',
      }),
    ),
    allowedIps: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        maxItems: 50,
        uniqueItems: true,
        description:
          'Addresses (`203.0.113.7`) and CIDR ranges (`203.0.113.0/24`, `2001:db8::/32`) it may be used from; empty or left out: any.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

export const CreatedApiToken = Type.Object({
  token: Type.String({
    description: 'The secret, shown this once. Send it as `authorization: Bearer <token>`.',
  }),
  apiToken: ApiToken,
});
