import { assertSafePath } from '../files/safe-path.js';

/** How a live site serves its files: static only, or with PHP passed to its customer's pool. */
export interface SiteServing {
  index: string;
  /** What `location /` falls back to for a path that is no file: a PHP site's front controller. */
  fallback: string;
  /** The location block running *.php, empty for a static site. */
  phpLocation: string;
}

/**
 * A static site, or, given its customer's pool socket, a PHP one: index.php first, every path
 * that is no file to index.php (as WordPress and most frameworks expect), and only `.php` files
 * that exist passed to php-fpm, so no crafted path makes another file run as PHP.
 */
export function siteServing(phpSocket: string | undefined): SiteServing {
  if (phpSocket === undefined) return { index: 'index.html index.htm', fallback: '=404', phpLocation: '' };
  const socket = assertSafePath(phpSocket, 'PHP socket');
  return {
    index: 'index.php index.html index.htm',
    fallback: '/index.php$is_args$args',
    phpLocation: `    location ~ \\.php$ {
        try_files $uri =404;
        fastcgi_pass "unix:${socket}";
        fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
        fastcgi_param SCRIPT_NAME $fastcgi_script_name;
        fastcgi_param DOCUMENT_ROOT $document_root;
        fastcgi_param DOCUMENT_URI $document_uri;
        fastcgi_param REQUEST_URI $request_uri;
        fastcgi_param QUERY_STRING $query_string;
        fastcgi_param REQUEST_METHOD $request_method;
        fastcgi_param CONTENT_TYPE $content_type;
        fastcgi_param CONTENT_LENGTH $content_length;
        fastcgi_param SERVER_PROTOCOL $server_protocol;
        fastcgi_param REQUEST_SCHEME $scheme;
        fastcgi_param HTTPS $https if_not_empty;
        fastcgi_param GATEWAY_INTERFACE CGI/1.1;
        fastcgi_param SERVER_SOFTWARE nginx;
        fastcgi_param REMOTE_ADDR $remote_addr;
        fastcgi_param REMOTE_PORT $remote_port;
        fastcgi_param SERVER_ADDR $server_addr;
        fastcgi_param SERVER_PORT $server_port;
        fastcgi_param SERVER_NAME $server_name;
        fastcgi_param REDIRECT_STATUS 200;
    }
`,
  };
}
