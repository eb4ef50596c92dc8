import { enforce } from '../access/policy.js';
import type { Context } from '../context.js';
import type { HostedIds } from '../hosting/resource-kind.js';
import { changeCertificate } from './change-certificate.js';
import { mayRenewCertificate } from './website-policy.js';

/** Orders the site's certificate from the ACME CA now instead of 30 days before it expires. */
export function renewCertificate(ctx: Context, ids: HostedIds) {
  return changeCertificate(ctx, ids, 'certificate_renewal_requested', (website) => {
    enforce(mayRenewCertificate(website));
    return {
      set: { tlsRetryAt: ctx.now(), tlsAttempts: 0 },
      details: {},
    };
  });
}
