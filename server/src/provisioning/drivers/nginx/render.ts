import path from 'node:path';
import { isUuid } from '../../../contract/ids.js';
import { isNormalizedDomain } from '../../../hosting/names.js';
import { assertSafePath } from '../files/safe-path.js';
import { type NginxLayout, siteAccessLog, siteErrorLog } from './layout.js';
import { siteServing } from './php-location.js';
import {
  renderChallengeLocation,
  renderHttpsServer,
  renderRedirectLocation,
  renderTlsDefaultServer,
  type TlsOptions,
} from './render-tls.js';

export interface NginxOptions {
  /** From listenAddress(), e.g. 127.0.0.1:8081. */
  listen: string;
  workerProcesses: number | 'auto';
  mimeTypes: string;
  /** KEEL_WEB_TLS_PORT's listen address and port; null serves no HTTPS. */
  tls: TlsOptions | null;
}

/** One website as nginx should serve it; absent sites have their file removed. */
export type SiteDesired =
  | {
      id: string;
      state: 'live' | 'suspended';
      domain: string;
      documentRoot: string;
      /** Present when the site has a certificate in certs/ and nginx serves HTTPS. */
      tls?: { redirectHttp: boolean; fingerprint: string };
      /** The customer's PHP pool socket when the site runs PHP. */
      phpSocket?: string;
    }
  | { id: string; state: 'absent' };

/** What the default server answers for a name no website has: a site not (yet) in effect. */
export const UNKNOWN_SITE_ANSWER = 'No website is configured for this address.';
export const SUSPENDED_TITLE = 'This site is suspended';

const SUSPENDED_PAGE = [
  '<!doctype html><html lang="en"><head><meta charset="utf-8">',
  '<meta name="viewport" content="width=device-width, initial-scale=1">',
  `<title>${SUSPENDED_TITLE}</title></head><body>`,
  `<h1>${SUSPENDED_TITLE}</h1>`,
  '<p>The website at this address is currently unavailable. If it is yours, contact your hosting provider.</p>',
  '</body></html>',
].join('\n');

// The page sits inside a single-quoted nginx string, where these would end it or expand variables.
if (/['\\$]/.test(SUSPENDED_PAGE)) throw new Error('suspended page holds characters unsafe in nginx strings');

/** The listen directive every website's server block includes. */
export function renderListen(options: NginxOptions): string {
  return `listen ${options.listen};\n`;
}

/**
 * nginx.conf; with `siteFiles` (names in conf/sites), a variant that includes only those sites,
 * which `nginx -t` checks to find the one a failing configuration is rejected for.
 */
export function renderMainConfig(
  layout: NginxLayout,
  options: NginxOptions,
  siteFiles?: readonly string[],
): string {
  const p = layout.prefix;
  const sites =
    siteFiles === undefined
      ? `include "${layout.sitesDir}/*.conf";`
      : siteFiles
          .map((file) => `include "${assertSafePath(path.join(layout.sitesDir, file), 'site file')}";`)
          .join('\n    ');
  const workers = options.workerProcesses === 'auto' ? 'auto' : String(Math.max(1, options.workerProcesses));
  return `# Written by Keel at every start; edits here are lost.
daemon off;
worker_processes ${workers};
pid "${layout.pidFile}";
error_log "${layout.errorLog}" warn;

events {
    worker_connections 1024;
}

http {
    include "${assertSafePath(options.mimeTypes, 'mime.types path')}";
    default_type application/octet-stream;
    sendfile on;
    server_tokens off;
    # Domains may be 253 characters long; nginx's default buckets hold only about 60.
    server_names_hash_bucket_size 512;
    server_names_hash_max_size 8192;
    client_body_temp_path "${p}/temp/client_body";
    proxy_temp_path "${p}/temp/proxy";
    fastcgi_temp_path "${p}/temp/fastcgi";
    uwsgi_temp_path "${p}/temp/uwsgi";
    scgi_temp_path "${p}/temp/scgi";
    access_log "${layout.logsDir}/access.log";

    # A request for a name no website has must not land on some customer's site.
    server {
        listen ${options.listen} default_server;
        server_name _;
        default_type text/plain;
        return 404 '${UNKNOWN_SITE_ANSWER}\\n';
    }
${options.tls ? renderTlsDefaultServer(options.tls) : ''}
    ${sites}
}
`;
}

/** The server block of one website; throws if any value could not be written safely. */
export function renderSite(
  layout: NginxLayout,
  site: Extract<SiteDesired, { state: 'live' | 'suspended' }>,
): string {
  if (!isUuid(site.id)) throw new Error(`invalid website id ${JSON.stringify(site.id)}`);
  if (!isNormalizedDomain(site.domain)) {
    throw new Error(`domain ${JSON.stringify(site.domain)} is not a normalized domain name`);
  }
  const documentRoot = assertSafePath(site.documentRoot, 'document root');
  const head = `    server_name ${site.domain};
    access_log "${siteAccessLog(layout, site.id)}";
    error_log "${siteErrorLog(layout, site.id)}" warn;
`;
  const body = site.state === 'suspended' ? SUSPENDED_BODY : liveBody(documentRoot, site.phpSocket);
  const redirects = site.tls?.redirectHttp === true && site.state === 'live';
  const http = `# Keel website ${site.id} (${site.state})
server {
    # The address lives in one shared file, so a new KEEL_WEB_PORT needs no site rewritten.
    include "${layout.listenFile}";
${head}${renderChallengeLocation(layout)}${redirects ? renderRedirectLocation(layout) : body}}
`;
  return site.tls ? http + renderHttpsServer(layout, head, site.id, site.tls.fingerprint, body) : http;
}

// Answered for every path and query string; the ACME challenge's own location still matches first.
const SUSPENDED_BODY = `    default_type text/html;
    charset utf-8;
    add_header Cache-Control "no-store" always;
    add_header Retry-After 3600 always;
    location / {
        return 503 '${SUSPENDED_PAGE}';
    }
`;

function liveBody(documentRoot: string, phpSocket: string | undefined): string {
  const serving = siteServing(phpSocket);
  return `    root "${documentRoot}";
    index ${serving.index};
    # Customers' symlinks must not reach files they do not own (other customers', the system's).
    disable_symlinks if_not_owner from=$document_root;
    location / {
        try_files $uri $uri/ ${serving.fallback};
    }
${serving.phpLocation}`;
}
