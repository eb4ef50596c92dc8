import { createHash } from 'node:crypto';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { putFile, readIfExists, writeFileAtomic } from '../files/atomic-file.js';
import { type NginxLayout, siteCertificateFiles } from './layout.js';
import { renderHttpsRedirect, renderTlsListen, type TlsOptions } from './render-tls.js';

/** A site's certificate chain (leaf first) and private key, PEM, as the database holds them. */
export interface SiteCertificate {
  certificate: string;
  privateKey: string;
}

/**
 * At every start: the shared HTTPS listen and redirect files (none without KEEL_WEB_TLS_PORT, and
 * sites then get no HTTPS block), the certificates' directory, and the ACME challenge directory,
 * which nginx's workers (nobody, when Keel runs as root) must be able to read.
 */
export async function prepareTlsFiles(layout: NginxLayout, tls: TlsOptions | null): Promise<void> {
  // nginx's master reads certificates and keys when it loads its configuration, as Keel's own
  // user: the workers that answer visitors never need them.
  await mkdir(layout.certsDir, { recursive: true, mode: 0o750 });
  await chmod(layout.certsDir, 0o750);
  await mkdir(layout.challengeDir, { recursive: true });
  await chmod(layout.challengeDir, 0o755);
  if (tls === null) {
    await Promise.all([
      rm(layout.tlsListenFile, { force: true }),
      rm(layout.httpsRedirectFile, { force: true }),
    ]);
    return;
  }
  await writeFileAtomic(layout.tlsListenFile, renderTlsListen(tls));
  await writeFileAtomic(layout.httpsRedirectFile, renderHttpsRedirect(tls));
}

/**
 * Puts a site's certificate and key where its vhost names them (the key 0640: Keel and nginx's
 * master only), or removes both; a file already as it should be is left alone.
 */
export async function putSiteCertificate(
  layout: NginxLayout,
  websiteId: string,
  certificate: SiteCertificate | undefined,
): Promise<void> {
  const files = siteCertificateFiles(layout, websiteId);
  const put = async (file: string, content: string | undefined, mode: number) => {
    if (content !== undefined && (await readIfExists(file)) === content) return;
    await putFile(file, content, { mode });
  };
  // The key first: a vhost is written only after both are in place.
  await put(files.privateKey, certificate?.privateKey, 0o640);
  await put(files.certificate, certificate?.certificate, 0o644);
}

/**
 * Names the certificate in its vhost: nginx reads certificates only when it loads its
 * configuration, so a renewed one must change the vhost to be reloaded (and drift sees a swap).
 */
export function certificateFingerprint(certificate: SiteCertificate): string {
  return createHash('sha256').update(certificate.certificate).digest('hex').slice(0, 16);
}
