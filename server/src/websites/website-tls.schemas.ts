import { type Static, Type } from 'typebox';
import { NullableTimestamp } from '../contract/schemas.js';

export const WebsiteTls = Type.Object({
  state: Type.Union(
    [Type.Literal('none'), Type.Literal('pending'), Type.Literal('issued'), Type.Literal('error')],
    {
      description:
        'none: no certificate wanted; pending: ordered from the ACME CA; issued: served on KEEL_WEB_TLS_PORT; error: the last order failed (see error; it is tried again with a growing wait, and a certificate already issued stays served).',
    },
  ),
  source: Type.Union([Type.Literal('acme'), Type.Literal('uploaded'), Type.Null()], {
    description: "acme: ordered and renewed by Keel (30 days before expiry); uploaded: the customer's own.",
  }),
  issuer: Type.Union([Type.String(), Type.Null()], {
    description: "The certificate's issuer (its CN or O).",
  }),
  expiresAt: NullableTimestamp,
  error: Type.Union([Type.String(), Type.Null()], {
    description: "The CA's own message of the last failure.",
  }),
  redirectHttp: Type.Boolean({
    description: 'HTTP answers with a redirect to HTTPS while a certificate is served.',
  }),
});
export type WebsiteTls = Static<typeof WebsiteTls>;

export const WebsiteTlsChange = Type.Object(
  {
    enabled: Type.Optional(
      Type.Boolean({
        description:
          'true orders a certificate from the ACME CA (replacing an uploaded one once issued); false removes the certificate and serves HTTP only.',
      }),
    ),
    redirectHttp: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type WebsiteTlsChange = Static<typeof WebsiteTlsChange>;

export const UploadCertificateBody = Type.Object(
  {
    certificate: Type.String({
      minLength: 1,
      maxLength: 65536,
      description: 'PEM: the certificate, then its intermediates.',
    }),
    privateKey: Type.String({ minLength: 1, maxLength: 16384, description: 'PEM, unencrypted.' }),
  },
  { additionalProperties: false },
);
export type UploadCertificateBody = Static<typeof UploadCertificateBody>;
