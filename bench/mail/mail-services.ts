import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Context, createSignals, systemContext } from '../../server/src/context.js';
import { openDatabase } from '../../server/src/db/client.js';
import { migrate } from '../../server/src/db/migrate.js';
import { mailboxKind } from '../../server/src/mail/mailbox-kind.js';
import { DatabaseStore } from '../../server/src/provisioning/database-store.js';
import { Reconciler } from '../../server/src/provisioning/reconciler.js';
import { localServer } from '../../server/src/provisioning/server-ref.js';
import { startServices } from '../../server/src/provisioning/services.js';
import { hostingKinds } from '../../server/src/resource-kinds.js';
import { freePort, sharedTempDir } from '../../test/services/helpers.js';

const run = promisify(execFile);

/** Keel's mail side as `keel start` wires it, on a data directory of the benchmark's own. */
export interface MailBench {
  ctx: Context;
  reconciler: Reconciler;
  smtpPort: number;
  imapPort: number;
  /** Keel's data directory for this benchmark: the mail files are under `mail/`. */
  dataDir: string;
  database: string;
  versions: string;
  /** Stops the reconciler and the mail services, closes the database, removes the data directory. */
  close(): Promise<void>;
}

async function versions(): Promise<string> {
  const postfix = (await run('postconf', ['-h', 'mail_version'])).stdout.trim();
  const dovecot = (await run('dovecot', ['--version'])).stdout.trim();
  return `Postfix ${postfix}, Dovecot ${dovecot}`;
}

export async function startMailBench(databaseUrl: string | null): Promise<MailBench> {
  const dataDir = await sharedTempDir('mail-bench');
  const closers: Array<() => Promise<unknown>> = [() => rm(dataDir, { recursive: true, force: true })];
  const close = async () => {
    for (const closer of closers.reverse()) await closer();
  };
  try {
    const handle = await openDatabase({ databaseUrl, dataDir });
    closers.push(() => handle.close());
    await migrate(handle);
    const [smtpPort, imapPort] = [await freePort(), await freePort()];
    const drivers = await startServices(hostingKinds, {
      dataDir,
      homesDir: path.join(dataDir, 'homes'),
      webPort: null,
      nginxBin: null,
      mariadbUrl: null,
      dnsPort: null,
      pdnsBin: null,
      nameservers: [],
      mail: {
        smtpPort,
        submissionPort: null,
        imapPort,
        pop3Port: null,
        host: '127.0.0.1',
        hostname: 'mail.bench.keel.test',
        storeDir: null,
        tlsCertificate: null,
        tlsKey: null,
      },
    });
    closers.push(() => drivers.stop());
    const unavailable = drivers.kinds.find(({ kind }) => kind === mailboxKind)?.unavailable;
    if (unavailable) throw new Error(unavailable);
    const signals = createSignals();
    // The benchmark's database is its own and thrown away: a key of the run's own seals its secrets.
    const panelKey = randomBytes(32);
    const reconciler = new Reconciler({
      store: new DatabaseStore({ db: handle.db, server: localServer, signals, panelKey }),
      signals,
      kinds: drivers.kinds,
    });
    await reconciler.start();
    closers.push(() => reconciler.stop());
    const ctx = systemContext({ db: handle.db, signals, panelKey, userAgent: 'keel mail benchmark' });
    return {
      ctx,
      reconciler,
      smtpPort,
      imapPort,
      dataDir,
      database: databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (fresh)',
      versions: await versions(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
