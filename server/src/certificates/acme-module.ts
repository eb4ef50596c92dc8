/**
 * acme-client, loaded when a certificate is first ordered or an account key made rather than when
 * Keel starts: with what it brings (an HTTP client, X.509, ASN.1 and TLS libraries) it took about
 * 7 MiB of Keel's heap, and many panels order no certificate (docs/performance.md).
 */
export const loadAcme = () => import('acme-client');
