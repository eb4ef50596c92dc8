import { execFile } from 'node:child_process';
import { chmod, chown, mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { writeFileAtomic } from '../files/atomic-file.js';
import { endLeftoverGroup } from '../process/process-group.js';
import { type ServiceLog, SupervisedProcess } from '../process/supervised-process.js';
import { renderDovecotConf } from './dovecot-conf.js';
import { appliedDir, type MailLayout } from './layout.js';
import type { MailBinaries } from './mail-binaries.js';
import type { MailListen } from './mail-listen.js';
import { rebuildMailFiles } from './mail-maps.js';
import { renderMainCf, renderMasterCf } from './postfix-conf.js';
import { systemAccount } from './system-account.js';
import { ensureTlsCertificate } from './tls-certificate.js';

const run = promisify(execFile);

/** Whether something accepts connections on host:port. */
export function answersTcp(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface MailServerOptions {
  binaries: MailBinaries;
  layout: MailLayout;
  listen: MailListen;
  log?: ServiceLog;
}

/**
 * Keel's private Postfix and Dovecot, each a supervised child process with its own configuration
 * under Keel's state dir. Both drivers (mailboxes, aliases) share one server and its queue, so
 * two batches never rebuild the maps at once.
 */
export class MailServer {
  private readonly postfix: SupervisedProcess;
  private readonly dovecot: SupervisedProcess;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly options: MailServerOptions) {
    const { binaries, layout, listen } = options;
    this.dovecot = new SupervisedProcess({
      name: 'Dovecot',
      binary: binaries.dovecot,
      args: ['-F', '-c', layout.dovecotConfigFile],
      comm: 'dovecot',
      isReady: () => answersLmtp(layout.lmtpSocket),
      log: options.log,
    });
    this.postfix = new SupervisedProcess({
      name: 'Postfix',
      binary: binaries.master,
      // -s: stay in the foreground as Keel's child; -c: Keel's configuration, not /etc/postfix.
      args: ['-c', layout.postfixConfigDir, '-s'],
      comm: 'master',
      isReady: () => answersTcp(listen.host, listen.smtp),
      log: options.log,
    });
  }

  get layout(): MailLayout {
    return this.options.layout;
  }

  /** Writes the configuration, builds the maps from what was applied, and starts both services. */
  async start(): Promise<void> {
    if (this.postfix.supervising) return;
    const { layout, binaries } = this.options;
    await this.prepareFiles();
    // Maps from the applied files: a Keel killed between writing one and rebuilding leaves none stale.
    await rebuildMailFiles(layout, (file) => this.postmap(file));
    await endLeftoverGroup(layout.dovecotPidFile, `${layout.dovecotConfigFile}\0`, 'dovecot');
    await endLeftoverGroup(layout.postfixPidFile, `${layout.postfixConfigDir}\0`, 'master');
    // Creates the queue's directories with Postfix's owners and modes.
    await run(binaries.postfix, ['-c', layout.postfixConfigDir, 'check']);
    await this.dovecot.start();
    try {
      await this.postfix.start();
    } catch (error) {
      await this.dovecot.stop();
      throw error;
    }
  }

  /** Directories with the owners each service needs, the certificate, and both configurations. */
  private async prepareFiles(): Promise<void> {
    const { layout, listen } = this.options;
    const mail = await systemAccount('mail');
    const postfix = await systemAccount('postfix');
    const dovecot = await systemAccount('dovecot');
    for (const dir of [
      appliedDir(layout, 'mailbox'),
      appliedDir(layout, 'alias'),
      layout.postfixConfigDir,
      layout.postfixQueueDir,
      layout.dovecotRunDir,
      layout.dovecotStateDir,
    ])
      await mkdir(dir, { recursive: true, mode: 0o755 });
    await chmod(layout.stateDir, 0o700);
    await ownedDir(layout.postfixDataDir, postfix.uid, postfix.gid, 0o700);
    await ownedDir(layout.storeDir, mail.uid, mail.gid, 0o700);
    // setgid: every file written in it (a temp file renamed over) is group dovecot from the start.
    await ownedDir(layout.passwdDir, 0, dovecot.gid, 0o2750);
    await ensureTlsCertificate(layout.tlsCertificate, layout.tlsKey, listen.hostname);
    await writeFileAtomic(`${layout.postfixConfigDir}/main.cf`, renderMainCf(layout, listen));
    await writeFileAtomic(`${layout.postfixConfigDir}/master.cf`, renderMasterCf(listen));
    await writeFileAtomic(layout.dovecotConfigFile, renderDovecotConf(layout, listen, mail));
  }

  async stop(): Promise<void> {
    await this.postfix.stop();
    await this.dovecot.stop();
  }

  /** Runs `work` after every batch queued before it: the maps are rebuilt by one at a time. */
  serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  postmap(file: string): Promise<void> {
    return run(this.options.binaries.postmap, ['-c', this.layout.postfixConfigDir, `lmdb:${file}`]).then(
      () => undefined,
    );
  }

  /**
   * Postfix's master re-reads its configuration and replaces its daemons: the next session sees
   * the maps just rebuilt (a daemon already running may hold the old domains for a long while).
   */
  reloadPostfix(): void {
    this.postfix.signal('SIGHUP');
  }

  /** Closes every open IMAP/POP3 session of `address`; none open is success. */
  async kick(address: string): Promise<void> {
    try {
      await run(this.options.binaries.doveadm, ['-c', this.layout.dovecotConfigFile, 'kick', address]);
    } catch (error) {
      // 68 (EX_NOUSER): nobody was logged in to kick.
      if ((error as { code?: unknown }).code !== 68) throw error;
    }
  }

  /** Whether Postfix takes mail and Dovecot takes deliveries. */
  async reachable(): Promise<boolean> {
    const { listen, layout } = this.options;
    const [smtp, lmtp] = await Promise.all([
      answersTcp(listen.host, listen.smtp),
      answersLmtp(layout.lmtpSocket),
    ]);
    return smtp && lmtp;
  }
}

async function ownedDir(dir: string, uid: number, gid: number, mode: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  await chown(dir, uid, gid);
  await chmod(dir, mode);
}

function answersLmtp(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path: socketPath });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('220')));
    socket.once('error', () => done(false));
  });
}
