import type { WebsiteTlsChange } from './website-tls.schemas.js';
import type { websites } from './websites.table.js';

type Website = typeof websites.$inferSelect;

/** The certificate's columns with none: HTTPS off. */
export const noCertificate = {
  tlsSource: null,
  tlsState: 'none' as const,
  tlsIssuer: null,
  tlsExpiresAt: null,
  tlsError: null,
  tlsCertificate: null,
  tlsPrivateKey: null,
  tlsAttempts: 0,
  tlsRetryAt: null,
};

/**
 * What a PATCH's `tls` changes: `enabled` orders a certificate from the ACME CA at once (an
 * uploaded one stays served until it is issued) or drops the certificate; `redirectHttp` is the
 * site's own choice, kept while it has no certificate.
 */
export function tlsChange(website: Website, input: WebsiteTlsChange | undefined, now: Date) {
  const set: Record<string, unknown> = {};
  const details: Record<string, unknown> = {};
  if (input?.enabled === true && website.tlsSource !== 'acme') {
    Object.assign(set, {
      tlsSource: 'acme',
      tlsState: 'pending',
      tlsError: null,
      tlsAttempts: 0,
      tlsRetryAt: now,
    });
    details.tls = { from: website.tlsSource ?? 'none', to: 'acme' };
  }
  if (input?.enabled === false && website.tlsSource !== null) {
    Object.assign(set, noCertificate);
    details.tls = { from: website.tlsSource, to: 'none' };
  }
  if (input?.redirectHttp !== undefined && input.redirectHttp !== website.tlsRedirectHttp) {
    set.tlsRedirectHttp = input.redirectHttp;
    details.redirectHttp = { from: website.tlsRedirectHttp, to: input.redirectHttp };
  }
  return { set, details };
}
