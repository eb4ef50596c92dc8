import { allowed, notNow, type Verdict } from '../access/policy.js';
import type { websites } from './websites.table.js';

/** Renewing asks the ACME CA: only for a site whose certificate comes from it. */
export const mayRenewCertificate = (website: typeof websites.$inferSelect): Verdict =>
  website.tlsSource === 'acme'
    ? allowed
    : notNow(
        'Only a certificate ordered from the ACME CA is renewed; ask for one first (tls.enabled).',
        'not-acme',
      );
