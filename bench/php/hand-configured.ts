import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canChown } from '../../server/src/provisioning/drivers/files/home-owner.js';
import type { InstalledPhp } from '../../server/src/provisioning/drivers/php-fpm/php-versions.js';
import { SupervisedProcess } from '../../server/src/provisioning/drivers/process/supervised-process.js';
import { freePort, get, sharedTempDir } from '../../test/services/helpers.js';

/** The same page on a php-fpm and nginx configured by hand, as an administrator would. */
export interface HandConfigured {
  webPort: number;
  /** Stops nginx and php-fpm and removes the temp dir. */
  stop(): Promise<void>;
}

// Debian's www.conf as installed (pm = dynamic, 5 children), minus comments.
function phpFpmConfig(dir: string, socket: string): string {
  const user = canChown() ? 'user = nobody\ngroup = nogroup\nlisten.owner = nobody\n' : '';
  return `[global]
pid = ${dir}/php-fpm.pid
error_log = ${dir}/php-fpm.log
daemonize = no

[www]
${user}listen = ${socket}
listen.mode = 0600
pm = dynamic
pm.max_children = 5
pm.start_servers = 2
pm.min_spare_servers = 1
pm.max_spare_servers = 3
`;
}

// The minimal server block of every PHP tutorial, with Debian's fastcgi_params.
function nginxConfig(dir: string, webPort: number, socket: string): string {
  return `daemon off;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/temp;
    fastcgi_temp_path ${dir}/temp;
    proxy_temp_path ${dir}/temp;
    uwsgi_temp_path ${dir}/temp;
    scgi_temp_path ${dir}/temp;
    server {
        listen 127.0.0.1:${webPort};
        root ${dir}/www;
        index index.php;
        location ~ \\.php$ {
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
            fastcgi_pass unix:${socket};
        }
    }
}
`;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Writes both configurations and `page` as www/index.php into a temp dir of its own, and starts both. */
export async function startHandConfigured(
  php: InstalledPhp,
  nginxBin: string,
  page: string,
): Promise<HandConfigured> {
  const dir = await sharedTempDir('bench-php-hand');
  const socket = path.join(dir, 'php.sock');
  const webPort = await freePort();
  await mkdir(path.join(dir, 'www'), { mode: 0o755 });
  await mkdir(path.join(dir, 'temp'));
  await writeFile(path.join(dir, 'www', 'index.php'), page, { mode: 0o644 });
  await writeFile(path.join(dir, 'php-fpm.conf'), phpFpmConfig(dir, socket));
  await writeFile(path.join(dir, 'nginx.conf'), nginxConfig(dir, webPort, socket));
  const phpFpm = new SupervisedProcess({
    name: 'hand-configured php-fpm',
    binary: php.binary,
    args: ['--nodaemonize', '--fpm-config', path.join(dir, 'php-fpm.conf')],
    comm: path.basename(php.binary).slice(0, 15),
    isReady: () => exists(socket),
  });
  const nginx = new SupervisedProcess({
    name: 'hand-configured nginx',
    binary: nginxBin,
    args: ['-p', dir, '-c', path.join(dir, 'nginx.conf')],
    comm: 'nginx',
    isReady: async () => (await get(webPort, 'localhost').catch(() => undefined)) !== undefined,
  });
  const stop = async () => {
    await nginx.stop();
    await phpFpm.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await phpFpm.start();
    await nginx.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { webPort, stop };
}
