import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** Everything Keel reads from its environment, validated once at start. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  adminEmail: string | null;
  adminPassword: string | null;
  trustedProxies: string[];
  logLevel: string;
  webPort: number | null;
  nginxBin: string | null;
  mariadbUrl: string | null;
  /** Where customers' database users may connect from: local (localhost and 127.0.0.1) or any host. */
  mariadbUserHosts: 'local' | 'any';
  homesDir: string;
  purgeSweepSeconds: number;
}

export class ConfigError extends Error {}

function port(name: string, raw: string | undefined, fallback: number | null): number | null {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${raw}"`);
  }
  return value;
}

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a positive integer`);
  return value;
}

function proxies(raw: string | undefined): string[] {
  if (!raw) return [];
  const list = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of list) {
    const address = entry.split('/')[0] ?? '';
    if (!isIP(address))
      throw new ConfigError(`KEEL_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
  }
  return list;
}

function userHosts(raw: string | undefined): 'local' | 'any' {
  if (raw === undefined || raw === '' || raw === 'local') return 'local';
  if (raw === 'any') return 'any';
  throw new ConfigError('KEEL_MARIADB_USER_HOSTS must be "local" or "any"');
}

function optional(raw: string | undefined): string | null {
  return raw === undefined || raw.trim() === '' ? null : raw.trim();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.KEEL_DATA_DIR || './data');
  const databaseUrl = optional(env.DATABASE_URL);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: port('PORT', env.PORT, 8080) ?? 8080,
    dataDir,
    databaseUrl,
    adminEmail: optional(env.KEEL_ADMIN_EMAIL),
    adminPassword: env.KEEL_ADMIN_PASSWORD || null,
    trustedProxies: proxies(env.KEEL_TRUSTED_PROXIES),
    logLevel: env.LOG_LEVEL || 'info',
    webPort: port('KEEL_WEB_PORT', env.KEEL_WEB_PORT, null),
    nginxBin: optional(env.KEEL_NGINX_BIN),
    mariadbUrl: optional(env.KEEL_MARIADB_URL),
    mariadbUserHosts: userHosts(env.KEEL_MARIADB_USER_HOSTS),
    homesDir: resolve(env.KEEL_HOMES_DIR || resolve(dataDir, 'homes')),
    purgeSweepSeconds: positiveInteger('KEEL_PURGE_SWEEP_SECONDS', env.KEEL_PURGE_SWEEP_SECONDS, 300),
  };
}
