import { assertSafePath } from '../files/safe-path.js';
import { type NginxLayout, siteCertificateFiles } from './layout.js';

// HTTPS and ACME parts of Keel's nginx configuration, kept apart from the plain vhost so each
// can change on its own.

export interface TlsOptions {
  /** From listenAddress(), e.g. 127.0.0.1:8443. */
  listen: string;
  /** The port visitors' browsers use for HTTPS: the redirect names it unless it is 443. */
  port: number;
}

/** The HTTPS listen directive every site with a certificate includes. */
export function renderTlsListen(tls: TlsOptions): string {
  return `listen ${tls.listen} ssl;\n`;
}

/** What a site that redirects answers on HTTP: the same address over HTTPS. */
export function renderHttpsRedirect(tls: TlsOptions): string {
  const port = tls.port === 443 ? '' : `:${tls.port}`;
  return `return 301 https://$host${port}$request_uri;\n`;
}

/**
 * The TLS default server: a name no site has a certificate for is refused in the handshake, so
 * no customer's certificate is shown for another name.
 */
export function renderTlsDefaultServer(tls: TlsOptions): string {
  return `
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:keel_tls:10m;
    server {
        listen ${tls.listen} ssl default_server;
        server_name _;
        ssl_reject_handshake on;
    }
`;
}

/**
 * The CA's HTTP-01 check, answered for every site in every state (a suspended site renews too)
 * and before any redirect: the validator follows a port-less https:// Location to port 443.
 */
export function renderChallengeLocation(layout: NginxLayout): string {
  const dir = assertSafePath(layout.challengeDir, 'ACME challenge directory');
  return `    location ^~ /.well-known/acme-challenge/ {
        alias "${dir}/";
        default_type text/plain;
        try_files $uri =404;
    }
`;
}

/** The site's HTTPS server block: its certificate, then the same answers as on HTTP. */
export function renderHttpsServer(
  layout: NginxLayout,
  head: string,
  websiteId: string,
  fingerprint: string,
  body: string,
): string {
  const files = siteCertificateFiles(layout, websiteId);
  if (!/^[0-9a-f]+$/.test(fingerprint)) throw new Error('invalid certificate fingerprint');
  return `# certificate ${fingerprint}
server {
    include "${layout.tlsListenFile}";
${head}    ssl_certificate "${assertSafePath(files.certificate, 'certificate file')}";
    ssl_certificate_key "${assertSafePath(files.privateKey, 'key file')}";
${body}}
`;
}

/** The HTTP block's answer for a live site that redirects: the challenge location still comes first. */
export function renderRedirectLocation(layout: NginxLayout): string {
  return `    location / {
        include "${layout.httpsRedirectFile}";
    }
`;
}
