import { mkdir } from 'node:fs/promises';
import { isUuid } from '../../../contract/ids.js';
import { putFile, readIfExists } from '../files/atomic-file.js';
import { type CustomerHomes, homeDirectory, homeSubdirectory } from '../files/customer-homes.js';
import { foreignFilesOf } from '../files/foreign-files.js';
import { canChown, homeOwner } from '../files/home-owner.js';
import { settleInGroups } from '../in-groups.js';
import type { ForeignFile } from '../types.js';
import { poolFile, poolSocket } from './layout.js';
import { POOL_TEMP_DIR, type PoolDesired, renderPool, type SocketAccess } from './render-pool.js';
import type { PhpFpmSupervisor } from './supervisor.js';

/** The PHP versions a customer's sites run now: one pool per version; none when nothing of it may run. */
export interface CustomerPhp {
  customerId: string;
  uid?: number;
  versions: readonly string[];
}

export interface PoolDrift {
  customerId: string;
  differences: string[];
}

interface PoolChange {
  customerId: string;
  file: string;
  before: string | undefined;
  after: string | undefined;
}

/**
 * The customers' PHP pools on Keel's php-fpm masters, one master per installed version. A
 * batch writes every pool file it changes, has each master check them (`php-fpm -t`) and reloads
 * it once; a master that refuses gets its files back and its customers an error.
 */
export class PhpPools {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly masters: ReadonlyMap<string, PhpFpmSupervisor>,
    private readonly homes: CustomerHomes,
    private readonly access: SocketAccess | null,
  ) {}

  get versions(): string[] {
    return [...this.masters.keys()];
  }

  /** The socket nginx passes a site's PHP requests to; throws when that version is not installed. */
  socketOf(version: string, customerId: string): string {
    return poolSocket(this.masterOf(version).layout, customerId);
  }

  /** Puts each customer's pools in place; answers an error by customer id for those that failed. */
  apply(customers: readonly CustomerPhp[]): Promise<Map<string, string>> {
    const run = this.queue.then(() => this.applyNow(customers));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async start(): Promise<void> {
    for (const master of this.masters.values()) await master.start();
  }

  async stop(): Promise<void> {
    await this.queue.catch(() => undefined);
    for (const master of this.masters.values()) await master.stop();
  }

  /**
   * Pool files that differ from what Keel writes for these customers, and files in the pools
   * directories that are not a customer's pool (set aside when asked, and the master reloaded).
   */
  async drift(customers: readonly CustomerPhp[], setAside: boolean) {
    const drifted: PoolDrift[] = [];
    for (const customer of customers) {
      const differences: string[] = [];
      for (const master of this.masters.values()) {
        const file = poolFile(master.layout, customer.customerId);
        const expected = await this.expectedPool(master, customer).catch(() => undefined);
        const actual = await readIfExists(file);
        if (actual === expected) continue;
        differences.push(
          actual === undefined
            ? `PHP ${master.version} pool missing`
            : expected === undefined
              ? `PHP ${master.version} pool present though none of its sites may run PHP`
              : `PHP ${master.version} pool differs from what Keel writes`,
        );
      }
      if (differences.length > 0) drifted.push({ customerId: customer.customerId, differences });
    }
    const foreign: ForeignFile[] = [];
    const isPool = (name: string) => name.endsWith('.conf') && isUuid(name.slice(0, -'.conf'.length));
    for (const master of this.masters.values()) {
      const found = await foreignFilesOf(master.layout.poolsDir, isPool, {
        setAside,
        aside: master.layout.poolsForeignDir,
      });
      if (found.some((file) => file.movedTo !== undefined)) await this.reloadQueued(master);
      foreign.push(...found);
    }
    return { drifted, foreign };
  }

  private reloadQueued(master: PhpFpmSupervisor): Promise<void> {
    const run = this.queue.then(() => master.reload());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private masterOf(version: string): PhpFpmSupervisor {
    const master = this.masters.get(version);
    if (!master) throw new Error(`PHP ${version} is not installed on this server`);
    return master;
  }

  /** The pool file a customer should have on one master, or undefined for none. */
  private async expectedPool(master: PhpFpmSupervisor, customer: CustomerPhp): Promise<string | undefined> {
    if (!customer.versions.includes(master.version)) return undefined;
    if (canChown() && customer.uid === undefined) {
      throw new Error('the customer has no system user of its own: its PHP would run as root');
    }
    const pool: PoolDesired = {
      customerId: customer.customerId,
      uid: canChown() ? (customer.uid ?? null) : null,
      home: homeDirectory(this.homes.homesRoot, customer.customerId),
    };
    return renderPool(master.layout, pool, this.access);
  }

  private async applyNow(customers: readonly CustomerPhp[]): Promise<Map<string, string>> {
    const failed = new Map<string, string>();
    const changes = new Map<PhpFpmSupervisor, PoolChange[]>();
    // Customers side by side: a bulk suspension reads thousands of (mostly absent) pool files.
    await settleInGroups(customers, 64, async (customer) => {
      try {
        for (const version of customer.versions) this.masterOf(version);
        if (customer.versions.length > 0) await this.ensureTempDir(customer);
        for (const master of this.masters.values()) {
          const file = poolFile(master.layout, customer.customerId);
          const after = await this.expectedPool(master, customer);
          const before = await readIfExists(file);
          if (before === after) continue;
          await putFile(file, after, { mode: 0o600 });
          const ofMaster = changes.get(master) ?? [];
          ofMaster.push({ customerId: customer.customerId, file, before, after });
          changes.set(master, ofMaster);
        }
      } catch (error) {
        failed.set(customer.customerId, (error as Error).message);
      }
    });
    for (const [master, ofMaster] of changes) {
      const check = await master.test();
      try {
        if (!check.ok) throw new Error(`php-fpm ${master.version} rejected the pools: ${check.message}`);
        await master.reload();
      } catch (error) {
        if (!check.ok)
          for (const change of ofMaster) await putFile(change.file, change.before, { mode: 0o600 });
        for (const change of ofMaster) failed.set(change.customerId, (error as Error).message);
      }
    }
    return failed;
  }

  /** The home's tmp/ for uploads, sessions and temp files: the customer's own, inside open_basedir. */
  private async ensureTempDir(customer: CustomerPhp): Promise<void> {
    if (canChown() && customer.uid !== undefined) {
      await this.homes.ensureOwnedDirectory(
        customer.customerId,
        POOL_TEMP_DIR,
        await homeOwner(customer.uid),
      );
    } else {
      await mkdir(homeSubdirectory(this.homes.homesRoot, customer.customerId, POOL_TEMP_DIR), {
        recursive: true,
      });
    }
  }
}
