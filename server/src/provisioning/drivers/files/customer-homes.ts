import { chmod, lchown, link, lstat, mkdir, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isUuid } from '../../../contract/ids.js';
import { defaultIndexPage } from './default-index.js';
import { canChown, type HomeOwner, homeOwner } from './home-owner.js';
import { assertTraversable, ensureRealDirs } from './safe-dirs.js';

// World-readable: nginx's workers run as `nobody` when Keel (and so nginx's master) runs as root.
const DIR_MODE = 0o755;
const FILE_MODE = 0o644;
// A customer's own directories: its uid, nginx's workers' group, nobody else; setgid so what the
// customer creates keeps that group.
const OWNED_DIR_MODE = 0o2750;
const OWNED_FILE_MODE = 0o640;

/**
 * Gives a home made before customers had their own uid (still Keel's) to its customer: every
 * entry, links themselves never followed, with nothing left for other users. Once the home is
 * the customer's this is one stat.
 */
async function handOver(home: string, owner: HomeOwner): Promise<void> {
  if (!canChown()) return;
  const stat = await lstat(home).catch(() => undefined);
  if (stat === undefined || !stat.isDirectory() || stat.uid === owner.uid) return;
  const walk = async (entry: string): Promise<void> => {
    const info = await lstat(entry);
    await lchown(entry, owner.uid, owner.gid);
    if (info.isSymbolicLink()) return;
    if (info.isDirectory()) {
      await chmod(entry, OWNED_DIR_MODE);
      for (const child of await readdir(entry)) await walk(path.join(entry, child));
    } else await chmod(entry, info.mode & 0o750);
  };
  await walk(home);
}

/** Pure path arithmetic, so the API can show a site's documentRoot without touching the disk. */
export function homeDirectory(homesRoot: string, customerId: string): string {
  return insideRoot(homesRoot, requireUuid(customerId, 'customer'));
}

export function siteDirectory(homesRoot: string, customerId: string, websiteId: string): string {
  return insideRoot(
    homesRoot,
    requireUuid(customerId, 'customer'),
    'sites',
    requireUuid(websiteId, 'website'),
  );
}

export function siteDocumentRoot(homesRoot: string, customerId: string, websiteId: string): string {
  return path.join(siteDirectory(homesRoot, customerId, websiteId), 'public');
}

/** A directory of a customer's home by its path relative to the home ('' for the home itself). */
export function homeSubdirectory(homesRoot: string, customerId: string, relative: string): string {
  const home = homeDirectory(homesRoot, customerId);
  const target = path.resolve(home, relative);
  if (target !== home && !target.startsWith(home + path.sep)) {
    throw new Error(`path ${target} escapes the customer's home ${home}`);
  }
  return target;
}

function requireUuid(id: string, what: string): string {
  if (!isUuid(id)) throw new Error(`invalid ${what} id ${JSON.stringify(id)}`);
  return id;
}

function insideRoot(homesRoot: string, ...parts: string[]): string {
  const root = path.resolve(homesRoot);
  const target = path.resolve(root, ...parts);
  if (!target.startsWith(root + path.sep)) throw new Error(`path ${target} escapes the homes root ${root}`);
  return target;
}

/** Customers' home directories under one root: <root>/<customerId>/sites/<websiteId>/public. */
export class CustomerHomes {
  private root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Creates the root; as root, also checks nginx's workers can reach it. */
  async prepare(): Promise<void> {
    await mkdir(this.root, { recursive: true, mode: DIR_MODE });
    this.root = await realpath(this.root);
    await chmod(this.root, DIR_MODE);
    if (process.getuid?.() === 0) await assertTraversable(this.root);
  }

  get homesRoot(): string {
    return this.root;
  }

  /**
   * Makes the site's document root, with a default index page unless one is already there. Given
   * the customer's uid, the home and everything in it are the customer's (a home made before
   * customers had their own uid is handed over whole, once).
   */
  async ensureSiteRoot(customerId: string, websiteId: string, domain: string, uid?: number): Promise<string> {
    const documentRoot = siteDocumentRoot(this.root, customerId, websiteId);
    const owner = uid === undefined ? undefined : await homeOwner(uid);
    if (owner !== undefined) await handOver(homeDirectory(this.root, customerId), owner);
    await ensureRealDirs(this.root, documentRoot, owner ? OWNED_DIR_MODE : DIR_MODE, owner);
    await writeDefaultIndex(documentRoot, domain, owner);
    return documentRoot;
  }

  /** Makes a directory of the customer's home (an FTP account's), owned by the customer. */
  async ensureOwnedDirectory(customerId: string, relative: string, owner: HomeOwner): Promise<string> {
    await handOver(homeDirectory(this.root, customerId), owner);
    const target = homeSubdirectory(this.root, customerId, relative);
    await ensureRealDirs(this.root, target, OWNED_DIR_MODE, owner);
    return target;
  }

  async removeSite(customerId: string, websiteId: string): Promise<void> {
    // rm never follows symlinks and `force` makes an already removed site a success.
    await rm(siteDirectory(this.root, customerId, websiteId), { recursive: true, force: true });
  }

  async removeHome(customerId: string): Promise<void> {
    await rm(homeDirectory(this.root, customerId), { recursive: true, force: true });
  }

  /** Every entry of the homes root, for inventory: normally customer ids, anything else is an orphan. */
  async listHomes(): Promise<string[]> {
    const entries = await readdir(this.root).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return entries.sort();
  }

  async listSites(customerId: string): Promise<string[]> {
    const entries = await readdir(path.join(homeDirectory(this.root, customerId), 'sites')).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      },
    );
    return entries.sort();
  }
}

/**
 * Writes index.html only if the site has none, and never half-written: a temp file is linked
 * into place (link fails if the customer's own index.html exists) and then dropped.
 */
async function writeDefaultIndex(documentRoot: string, domain: string, owner?: HomeOwner): Promise<void> {
  const target = path.join(documentRoot, 'index.html');
  // The usual case on every later reconcile: the page (or the customer's own) is there already.
  if (
    await lstat(target).then(
      () => true,
      () => false,
    )
  )
    return;
  const temp = path.join(documentRoot, `.keel-index-${process.pid}-${Date.now()}.tmp`);
  await writeFile(temp, defaultIndexPage(domain), { flag: 'wx', mode: FILE_MODE });
  try {
    if (owner !== undefined && canChown()) await lchown(temp, owner.uid, owner.gid);
    await chmod(temp, owner ? OWNED_FILE_MODE : FILE_MODE);
    await link(temp, target).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(temp, { force: true });
  }
}
