import { boolean, integer, text } from 'drizzle-orm/pg-core';
import { timestampTz } from '../db/schema/columns.js';

export const tlsSources = ['acme', 'uploaded'] as const;
export const tlsStates = ['none', 'pending', 'issued', 'error'] as const;

/**
 * A website's HTTPS certificate. The database holds the certificate and its key, like every
 * other desired state: the nginx driver writes them to KEEL_DATA_DIR for nginx, and a new
 * certificate reaches nginx as any change does (the generation is bumped). The ACME worker
 * (server/src/certificates) claims the sites whose `tls_retry_at` has come.
 */
export const websiteTlsColumns = () => ({
  /** Where the certificate comes from: the ACME CA, or the customer's own upload; null: none wanted. */
  tlsSource: text('tls_source', { enum: tlsSources }),
  tlsRedirectHttp: boolean('tls_redirect_http').notNull().default(false),
  tlsState: text('tls_state', { enum: tlsStates }).notNull().default('none'),
  tlsIssuer: text('tls_issuer'),
  tlsExpiresAt: timestampTz('tls_expires_at'),
  /** The CA's own message of the last failed attempt. */
  tlsError: text('tls_error'),
  /** The certificate chain (leaf first) and its private key, PEM; null until there is one. */
  tlsCertificate: text('tls_certificate'),
  tlsPrivateKey: text('tls_private_key'),
  /** Failed ACME attempts in a row: the backoff before the next. */
  tlsAttempts: integer('tls_attempts').notNull().default(0),
  /** When the ACME worker should next order a certificate (first issue, renewal, retry). */
  tlsRetryAt: timestampTz('tls_retry_at'),
  /** An ACME worker holds the site until then (a lease, so a crashed one lets go). */
  tlsClaimedUntil: timestampTz('tls_claimed_until'),
});
