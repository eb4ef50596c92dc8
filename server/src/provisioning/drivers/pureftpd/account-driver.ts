import { readIfExists } from '../files/atomic-file.js';
import { type CustomerHomes, homeSubdirectory } from '../files/customer-homes.js';
import { homeOwner } from '../files/home-owner.js';
import {
  type ApplyResult,
  type DesiredState,
  type DriftCheck,
  type DriftReport,
  failure,
  type InventoryItem,
  type ResourceDriver,
} from '../types.js';
import { endSessions, type SessionOwner } from './ftp-sessions.js';
import type { PureFtpdSupervisor } from './supervisor.js';
import { type FtpLogin, parseUsersFile, renderLogin, renderUsersFile } from './users-file.js';

export interface FtpAccountDesired {
  id: string;
  customerId: string;
  user: string;
  passwordHash: string;
  /** Relative to the customer's home, '' for the home itself. */
  directory: string;
  /** The customer's system uid: its sessions and uploads run and belong to it. */
  uid: number;
  state: DesiredState;
}

/**
 * Customers' FTP accounts on Keel's pure-ftpd. A live account is a line of the users file; a
 * suspended or absent one is not, and its open sessions are ended (pure-ftpd checks accounts
 * only at login). Each batch rewrites the file once and compiles it once.
 */
export class PureFtpdAccountDriver implements ResourceDriver<FtpAccountDesired> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly ftpd: PureFtpdSupervisor,
    private readonly homes: CustomerHomes,
  ) {}

  /** Batches never overlap: each reads the users file as the one before left it. */
  apply(batch: readonly FtpAccountDesired[]): Promise<ApplyResult[]> {
    const run = this.queue.then(() => this.applyBatch(batch));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async applyBatch(batch: readonly FtpAccountDesired[]): Promise<ApplyResult[]> {
    const logins = parseUsersFile((await readIfExists(this.ftpd.layout.usersFile)) ?? '');
    const results = new Map<string, ApplyResult>();
    const ended: SessionOwner[] = [];
    for (const account of batch) {
      try {
        const login = this.loginOf(account);
        if (account.state === 'live') {
          await this.homes.ensureOwnedDirectory(
            account.customerId,
            account.directory,
            await homeOwner(account.uid),
          );
          // Refused here (a bad hash or path) rather than when the whole file is written.
          renderLogin(login);
          logins.set(account.user, login);
        } else {
          logins.delete(account.user);
          ended.push({ uid: login.uid, directory: login.directory });
        }
        results.set(account.id, { id: account.id, ok: true });
      } catch (error) {
        results.set(account.id, failure(account.id, error));
      }
    }
    try {
      await this.ftpd.writeUsers(renderUsersFile(logins.values()));
      const master = this.ftpd.pid;
      if (master !== undefined && ended.length > 0) await endSessions(master, ended);
    } catch (error) {
      return batch.map((account) => failure(account.id, error));
    }
    return batch.map((account) => results.get(account.id) ?? failure(account.id, 'not applied'));
  }

  private loginOf(account: FtpAccountDesired): FtpLogin {
    return {
      user: account.user,
      passwordHash: account.passwordHash,
      uid: account.uid,
      gid: account.uid,
      directory: homeSubdirectory(this.homes.homesRoot, account.customerId, account.directory),
    };
  }

  /** Whether pure-ftpd greets on its port: while it is down, the reconciler waits for it. */
  reachable(): Promise<boolean> {
    return this.ftpd.answers();
  }

  /** Accounts whose line differs from what Keel writes, or that are there when they should not be. */
  async drift(check: DriftCheck<FtpAccountDesired>): Promise<DriftReport> {
    const run = this.queue.then(async () => {
      const logins = parseUsersFile((await readIfExists(this.ftpd.layout.usersFile)) ?? '');
      const drifted = [];
      for (const account of check.applied) {
        const line = logins.get(account.user);
        if (account.state !== 'live') {
          if (line !== undefined) drifted.push({ id: account.id, differences: ['the account can log in'] });
          continue;
        }
        if (line === undefined) {
          drifted.push({ id: account.id, differences: ['the account is missing from the users file'] });
        } else if (renderLogin(line) !== renderLogin(this.loginOf(account))) {
          drifted.push({ id: account.id, differences: ['the account line was edited'] });
        }
      }
      return { drifted, foreign: [] };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Every login of the users file, i.e. that pure-ftpd lets in. */
  async inventory(): Promise<InventoryItem[]> {
    const logins = parseUsersFile((await readIfExists(this.ftpd.layout.usersFile)) ?? '');
    return [...logins.keys()].sort().map((name): InventoryItem => ({ kind: 'ftp-account', name }));
  }
}
