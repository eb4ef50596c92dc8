import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Where Debian installs each PHP version's FastCGI server: /usr/sbin/php-fpm8.2 and so on. */
export const PHP_FPM_DIR = '/usr/sbin';

const BINARY = /^php-fpm(\d+\.\d+)$/;

export interface InstalledPhp {
  /** As customers choose it: `8.2`. */
  version: string;
  binary: string;
}

const byVersion = (a: InstalledPhp, b: InstalledPhp) => {
  const [aMajor = 0, aMinor = 0] = a.version.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.version.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
};

/** The PHP versions whose php-fpm is installed on this server, oldest first. */
export async function findInstalledPhp(dir = PHP_FPM_DIR): Promise<InstalledPhp[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .flatMap((name) => {
      const version = BINARY.exec(name)?.[1];
      return version === undefined ? [] : [{ version, binary: path.join(dir, name) }];
    })
    .sort(byVersion);
}

let installed: Promise<string[]> | undefined;

/**
 * The versions a website may choose, read once per process: installing another version is a
 * package installation, after which Keel is restarted to run its php-fpm as well.
 */
export function installedPhpVersions(): Promise<string[]> {
  installed ??= findInstalledPhp().then((found) => found.map((php) => php.version));
  return installed;
}
