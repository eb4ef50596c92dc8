import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { FtpConfig } from '../../../config.js';
import { FIRST_CUSTOMER_UID } from '../../../db/schema/customers.js';
import { readIfExists, writeFileAtomic } from '../files/atomic-file.js';
import { endLeftoverGroup } from '../process/process-group.js';
import { type ServiceLog, SupervisedProcess } from '../process/supervised-process.js';
import { answersFtp } from './ftp-probe.js';
import { type PureFtpdLayout, pureFtpdLayout } from './layout.js';
import { ensureFtpCertificate } from './tls-certificate.js';

const run = promisify(execFile);

export interface PureFtpdBinaries {
  server: string;
  /** pure-pw, which compiles the users file into pure-ftpd's database. */
  passwords: string;
}

export interface PureFtpdSupervisorOptions {
  binaries: PureFtpdBinaries;
  /** Keel's own pure-ftpd directory, e.g. <KEEL_DATA_DIR>/pure-ftpd. */
  stateDir: string;
  ftp: FtpConfig;
  log?: ServiceLog;
}

// The kernel's name of the master and of every session process.
const COMM = 'pure-ftpd';
// pure-ftpd rewrites its command line into this title, so it is the only marker a leftover has.
const MASTER_TITLE = 'pure-ftpd (SERVER)';

/** The flags pure-ftpd runs with: it reads no configuration file. */
export function pureFtpdArgs(layout: PureFtpdLayout, ftp: FtpConfig): string[] {
  return [
    ['-S', `${ftp.host},${ftp.port}`],
    ['-p', `${ftp.passivePorts.low}:${ftp.passivePorts.high}`],
    ftp.publicIp === null ? [] : ['-P', ftp.publicIp],
    // Every login chrooted, no anonymous FTP, no reverse DNS lookups.
    ['-A', '-E', '-H'],
    ['-l', `puredb:${layout.database}`],
    // TLS required for the control and data connections; cleartext logins refused.
    ['-Y', '2', '-2', layout.certFile],
    // Uploads readable by the group (nginx's workers), never by others: files 0640, dirs 0750.
    ['-U', '137:027'],
    // No login as a system account, even if a line of the users file were forged.
    ['-u', String(FIRST_CUSTOMER_UID)],
    ['-g', layout.pidFile],
  ].flat();
}

/**
 * Runs Keel's private pure-ftpd in the foreground as a child process and restarts it when it
 * dies. Its accounts are Keel's users file, compiled by `pure-pw mkdb`, which replaces the
 * database by rename: the next login sees it, nothing is reloaded.
 */
export class PureFtpdSupervisor {
  readonly layout: PureFtpdLayout;
  private readonly server: SupervisedProcess;

  constructor(private readonly options: PureFtpdSupervisorOptions) {
    this.layout = pureFtpdLayout(options.stateDir);
    this.server = new SupervisedProcess({
      name: 'pure-ftpd',
      binary: options.binaries.server,
      args: pureFtpdArgs(this.layout, options.ftp),
      comm: COMM,
      isReady: () => this.answers(),
      log: options.log,
    });
  }

  /** The master's process id while it runs: every session is its child. */
  get pid(): number | undefined {
    return this.server.pid;
  }

  get restarts(): number {
    return this.server.restarts;
  }

  answers(): Promise<boolean> {
    return answersFtp(this.options.ftp.host, this.options.ftp.port);
  }

  /** Resolves once pure-ftpd greets on its port. */
  async start(): Promise<void> {
    if (this.server.supervising) return;
    await mkdir(this.layout.dir, { recursive: true, mode: 0o700 });
    const { tlsCert, tlsKey } = this.options.ftp;
    await ensureFtpCertificate(
      this.layout.certFile,
      tlsCert !== null && tlsKey !== null ? { cert: tlsCert, key: tlsKey } : null,
    );
    // The first start has no accounts yet: pure-ftpd needs a database to open all the same.
    await this.writeUsers((await readIfExists(this.layout.usersFile)) ?? '');
    await endLeftoverGroup(this.layout.pidFile, MASTER_TITLE, COMM);
    await this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Replaces the users file and compiles it: logins from now on see the new accounts. */
  async writeUsers(content: string): Promise<void> {
    await writeFileAtomic(this.layout.usersFile, content, { mode: 0o600 });
    await run(this.options.binaries.passwords, ['mkdb', this.layout.database, '-f', this.layout.usersFile]);
  }
}
