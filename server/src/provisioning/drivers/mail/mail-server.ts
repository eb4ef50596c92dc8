import { execFile } from 'node:child_process';
import { chmod, chown, mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { writeFileAtomic } from '../files/atomic-file.js';
import { endLeftoverGroup } from '../process/process-group.js';
import { type ServiceLog, SupervisedProcess } from '../process/supervised-process.js';
import { rebuildDkimFiles } from './dkim-files.js';
import { type MailOwner, renderDeniedDictConf, renderDovecotConf } from './dovecot-conf.js';
import { appliedDir, type MailLayout } from './layout.js';
import type { MailBinaries } from './mail-binaries.js';
import type { MailListen } from './mail-listen.js';
import { readApplied, rebuildMailFiles } from './mail-maps.js';
import { renderOpendkimConf } from './opendkim-conf.js';
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
 * Keel's private Postfix, Dovecot and OpenDKIM, each a supervised child process with its own
 * configuration under Keel's state dir. Both drivers (mailboxes, aliases) share one server and its
 * queue, so two batches never rebuild the maps at once.
 */
export class MailServer {
  private readonly postfix: SupervisedProcess;
  private readonly dovecot: SupervisedProcess;
  private readonly opendkim: SupervisedProcess;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly options: MailServerOptions) {
    const { binaries, layout, listen } = options;
    this.opendkim = new SupervisedProcess({
      name: 'OpenDKIM',
      binary: binaries.opendkim,
      args: ['-f', '-x', layout.opendkimConfigFile],
      comm: 'opendkim',
      isReady: () => answersUnixSocket(layout.dkimSocket),
      log: options.log,
    });
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

  /** Writes the configuration, builds the maps from what was applied, and starts the services. */
  async start(): Promise<void> {
    if (this.postfix.supervising) return;
    const { layout, binaries } = this.options;
    const opendkim = await this.prepareFiles();
    // Maps from the applied files: a Keel killed between writing one and rebuilding leaves none stale.
    await rebuildMailFiles(layout, (file) => this.postmap(file));
    await rebuildDkimFiles(layout, await readApplied(layout), opendkim);
    await endLeftoverGroup(layout.dovecotPidFile, `${layout.dovecotConfigFile}\0`, 'dovecot');
    await endLeftoverGroup(layout.postfixPidFile, `${layout.postfixConfigDir}\0`, 'master');
    await endLeftoverGroup(dkimPidFile(layout), `${layout.opendkimConfigFile}\0`, 'opendkim');
    // Creates the queue's directories with Postfix's owners and modes.
    await run(binaries.postfix, ['-c', layout.postfixConfigDir, 'check']);
    const started: SupervisedProcess[] = [];
    try {
      for (const service of [this.opendkim, this.dovecot, this.postfix]) {
        await service.start();
        started.push(service);
      }
    } catch (error) {
      for (const service of started.reverse()) await service.stop();
      throw error;
    }
  }

  /**
   * Rebuilds every map, passwd-file, DKIM key and table from the applied files; Postfix is
   * reloaded when a map changed and OpenDKIM told to read its tables again when they changed.
   */
  async rebuildFiles(): Promise<void> {
    const { layout } = this.options;
    if (await rebuildMailFiles(layout, (file) => this.postmap(file))) this.postfix.signal('SIGHUP');
    if (await rebuildDkimFiles(layout, await readApplied(layout), await systemAccount('opendkim')))
      this.opendkim.signal('SIGUSR1');
  }

  /** Directories with the owners each service needs, the certificate, and the configurations. */
  private async prepareFiles(): Promise<MailOwner> {
    const { layout, listen } = this.options;
    const mail = await systemAccount('mail');
    const postfix = await systemAccount('postfix');
    const dovecot = await systemAccount('dovecot');
    const opendkim = await systemAccount('opendkim');
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
    await writeFileAtomic(`${layout.postfixConfigDir}/master.cf`, renderMasterCf(layout, listen));
    await writeFileAtomic(layout.dovecotConfigFile, renderDovecotConf(layout, listen, mail));
    await writeFileAtomic(layout.deniedDictConfig, renderDeniedDictConf(layout));
    await ownedDir(layout.dkimKeysDir, opendkim.uid, opendkim.gid, 0o700);
    // OpenDKIM makes its socket here as opendkim:postfix with mode 0660 (UMask 007).
    await ownedDir(layout.dkimRunDir, opendkim.uid, postfix.gid, 0o750);
    await writeFileAtomic(layout.opendkimConfigFile, renderOpendkimConf(layout, dkimPidFile(layout)));
    return opendkim;
  }

  async stop(): Promise<void> {
    await this.postfix.stop();
    await this.dovecot.stop();
    await this.opendkim.stop();
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

const dkimPidFile = (layout: MailLayout) => `${layout.dkimRunDir}/opendkim.pid`;

function answersUnixSocket(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path: socketPath });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
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
