import { chmod, lchown, lstat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { canChown, type HomeOwner } from './home-owner.js';

/**
 * Creates each directory below `root` down to `target`, refusing to pass through a symlink:
 * once customers can upload files, a link planted at sites/<id> must not make Keel (as root)
 * write somewhere else on the machine. Directories it creates are given to `owner` (as root).
 */
export async function ensureRealDirs(
  root: string,
  target: string,
  mode: number,
  owner?: HomeOwner,
): Promise<void> {
  const relative = path.relative(root, target);
  let current = root;
  for (const part of relative.split(path.sep).filter((p) => p !== '')) {
    current = path.join(current, part);
    const stat = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (stat === undefined) {
      await mkdir(current, { mode }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      if (owner !== undefined && canChown()) await lchown(current, owner.uid, owner.gid);
      // mkdir's mode is filtered by the umask (and chown clears setgid); nginx workers need to traverse.
      await chmod(current, mode);
    } else if (!stat.isDirectory() || stat.isSymbolicLink()) {
      throw new Error(`${current} exists and is not a plain directory`);
    }
  }
}

/** Throws unless every ancestor of `dir` lets other users (nginx's workers) search it. */
export async function assertTraversable(dir: string): Promise<void> {
  let current = path.dirname(dir);
  for (;;) {
    const stat = await lstat(current);
    if ((stat.mode & 0o001) === 0) {
      throw new Error(
        `${current} is not searchable by other users (mode ${(stat.mode & 0o777).toString(8)}); ` +
          'nginx worker processes could not reach the websites below it (chmod o+x it)',
      );
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
