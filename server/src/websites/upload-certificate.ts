import type { Context } from '../context.js';
import type { HostedIds } from '../hosting/resource-kind.js';
import { checkCertificate } from './certificate-check.js';
import { changeCertificate } from './change-certificate.js';
import { sealTlsKey } from './tls-key-seal.js';
import type { UploadCertificateBody } from './website-tls.schemas.js';

/** Serves the customer's own certificate instead of one from the ACME CA; 422 says what is wrong with it. */
export function uploadCertificate(ctx: Context, ids: HostedIds, input: UploadCertificateBody) {
  return changeCertificate(ctx, ids, 'certificate_uploaded', (website) => {
    const checked = checkCertificate(input, website.domain, ctx.now());
    return {
      set: {
        tlsSource: 'uploaded',
        tlsState: 'issued',
        tlsIssuer: checked.issuer,
        tlsExpiresAt: checked.expiresAt,
        tlsError: null,
        tlsCertificate: checked.certificate,
        tlsPrivateKey: sealTlsKey(ctx.panelKey, website.id, checked.privateKey),
        tlsAttempts: 0,
        tlsRetryAt: null,
      },
      // Never the key: the audit log says whose certificate and until when.
      details: { issuer: checked.issuer, expiresAt: checked.expiresAt.toISOString() },
    };
  });
}
