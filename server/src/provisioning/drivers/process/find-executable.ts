import { access, constants } from 'node:fs/promises';
import path from 'node:path';

/**
 * The first executable `name` in the directories of PATH, then in `fallbackDirs`: Debian puts
 * daemons in /usr/sbin, which is often not on a user's PATH.
 */
export async function findExecutable(
  name: string,
  fallbackDirs: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const dirs = [...(env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== ''), ...fallbackDirs];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
