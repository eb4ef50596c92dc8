import { Resolver } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import { ImapFlow } from 'imapflow';
import mysql from 'mysql2/promise';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { findMailBinaries } from '../../server/src/provisioning/drivers/mail/mail-binaries.js';
import { findNginxBinary } from '../../server/src/provisioning/drivers/nginx/nginx-binary.js';
import { findPowerDnsBinaries } from '../../server/src/provisioning/drivers/powerdns/pdns-binary.js';
import { addServerWithAgent } from '../helpers/running-agent.js';
import { startPanel } from '../helpers/running-server.js';
import { scratchInstall } from '../helpers/scratch-install.js';
import { eventually, freePort, freePortRange, get, mustSkip, sharedTempDir } from './helpers.js';
import { Pop3Session } from './pop3-client.js';
import { findMariaDbPrograms, PrivateMariaDb } from './private-mariadb.js';

const built = existsSync(new URL('../../dist/server/src/cli/main.js', import.meta.url));
const programs = await findMariaDbPrograms();
const haveServices =
  (await findNginxBinary()) !== undefined &&
  (await findPowerDnsBinaries()) !== undefined &&
  (await findMailBinaries()) !== undefined &&
  existsSync('/usr/sbin/pure-ftpd') &&
  programs !== undefined;
const admin = { email: 'move-data-admin@example.test', password: 'a long enough operator passphrase' };
const tls = { rejectUnauthorized: false };

/**
 * A panel and two agents, each server with every role and its own services: its own MariaDB,
 * Postfix and Dovecot, pure-ftpd, nginx and PowerDNS. A customer moves from B to A with its
 * database's rows, its mailbox's messages, its FTP account and its files; each works on A with
 * the password it had, B keeps none of them, and its zone stays served.
 */
describe.skipIf(
  mustSkip(
    'nginx, PowerDNS, Postfix and Dovecot, pure-ftpd, MariaDB, restic and a build of Keel',
    haveServices && built,
  ),
)('moving a customer with its databases, mail and FTP accounts', { timeout: 600_000 }, async () => {
  // Vitest still collects a skipped suite: start nothing then.
  if (!programs) return;
  const backupDir = path.join(await sharedTempDir('move-data-repositories'), 'repositories');
  // The panel's own PostgreSQL database under TEST_DATABASE_URL, else PGlite in its data directory.
  const install = await scratchInstall();
  afterAll(() => install.remove());
  const { DATABASE_URL } = install.env;
  const { panel, client } = await startPanel(admin, {
    ...(DATABASE_URL ? { DATABASE_URL } : {}),
    KEEL_DATA_DIR: await sharedTempDir('move-data-panel'),
    KEEL_BACKUP_DIR: backupDir,
  });

  // The panel's machine serves no DNS here: its local server drops the role, so zones are ready
  // once A and B, the name servers, have them.
  const local = (await client.request('GET', '/servers')).json.items.find(
    (server: { local: boolean }) => server.local,
  );
  expect((await client.request('PATCH', `/servers/${local.id}`, { roles: ['web'] })).status).toBe(200);

  const taken = new Set<number>();
  const port = async () => {
    const found = await freePort();
    taken.add(found);
    return found;
  };
  /** pure-ftpd's passive range, clear of every port handed out before it. */
  const passiveRange = async () => {
    for (;;) {
      const range = await freePortRange(10);
      if ([...taken].every((used) => used < range.low || used > range.high)) {
        for (let used = range.low; used <= range.high; used++) taken.add(used);
        return `${range.low}-${range.high}`;
      }
    }
  };

  const startServer = async (name: string) => {
    const mariadb = await PrivateMariaDb.create(programs);
    // Registered before the agent's stop, so it runs after it: Vitest runs afterAll hooks in reverse.
    afterAll(() => mariadb.remove());
    await mariadb.start();
    const dir = await sharedTempDir(`move-data-${name}`);
    const ports = {
      web: await port(),
      dns: await port(),
      smtp: await port(),
      submission: await port(),
      imap: await port(),
      pop3: await port(),
      ftp: await port(),
    };
    const { serverId } = await addServerWithAgent(
      client,
      panel.baseUrl,
      { name, roles: ['web', 'database', 'mail', 'ftp', 'dns'] },
      {
        KEEL_DATA_DIR: dir,
        KEEL_BACKUP_DIR: backupDir,
        KEEL_WEB_PORT: String(ports.web),
        KEEL_DNS_PORT: String(ports.dns),
        KEEL_DNS_NAMESERVERS: 'ns1.move-data.test',
        KEEL_MARIADB_URL: mariadb.adminUrl,
        KEEL_SMTP_PORT: String(ports.smtp),
        KEEL_SUBMISSION_PORT: String(ports.submission),
        KEEL_IMAP_PORT: String(ports.imap),
        KEEL_POP3_PORT: String(ports.pop3),
        KEEL_FTP_PORT: String(ports.ftp),
        KEEL_FTP_HOST: '127.0.0.1',
        KEEL_FTP_PASSIVE_PORTS: await passiveRange(),
      },
    );
    const resolver = new Resolver({ timeout: 2000, tries: 1 });
    resolver.setServers([`127.0.0.1:${ports.dns}`]);
    return { id: serverId, dir, mariadb, ports, resolver };
  };
  type Server = Awaited<ReturnType<typeof startServer>>;
  const a = await startServer('data-a');
  const b = await startServer('data-b');

  const domain = `data-${Date.now().toString(36)}.test`;
  const created = await client.request('POST', '/customers', {
    firstName: 'Da',
    lastName: 'Ta',
    email: `data-${Date.now()}@example.test`,
    serverId: b.id,
  });
  expect(created.status).toBe(201);
  const customerId: string = created.json.customer.id;
  const base = `/customers/${customerId}`;
  const site = await client.request('POST', `${base}/websites`, { domain });
  expect(site.status).toBe(201);
  expect((await client.request('POST', `${base}/dns-zones`, { domain })).status).toBe(201);
  const shop = await client.request('POST', `${base}/databases`, { name: 'shop' });
  expect(shop.status).toBe(201);
  const database: { name: string; user: string } = shop.json.database;
  const databasePassword: string = shop.json.password;
  const box = await client.request('POST', `${base}/mailboxes`, { address: `box@${domain}` });
  expect(box.status).toBe(201);
  const mailbox: { id: string; address: string } = box.json.mailbox;
  const mailboxPassword: string = box.json.password;
  const ftp = await client.request('POST', `${base}/ftp-accounts`, {
    user: 'web',
    directory: `sites/${site.json.id}/public`,
  });
  expect(ftp.status).toBe(201);
  const ftpUser: string = ftp.json.ftpAccount.user;
  const ftpPassword: string = ftp.json.password;
  await eventually(
    async () => {
      for (const kind of ['websites', 'dns-zones', 'databases', 'mailboxes', 'ftp-accounts']) {
        const items = (await client.request('GET', `${base}/${kind}`)).json.items;
        expect(items.map((item: { provisioning: { state: string } }) => item.provisioning.state)).toEqual([
          'ready',
        ]);
      }
    },
    90_000,
    250,
  );

  /** root on a server's own MariaDB. */
  const rootOn = (server: Server) =>
    mysql.createConnection({ socketPath: server.mariadb.socketPath, user: 'root' });
  /** The customer's rows, read as its database user with its password; MariaDB's errno when refused. */
  const rowsAs = async (server: Server) => {
    try {
      const connection = await mysql.createConnection({
        socketPath: server.mariadb.socketPath,
        user: database.user,
        password: databasePassword,
        database: database.name,
      });
      const [rows] = await connection.query('SELECT id, note FROM orders ORDER BY id');
      await connection.end();
      return rows;
    } catch (error) {
      return (error as { errno?: number }).errno ?? String(error);
    }
  };
  const deliver = (server: Server, subject: string) =>
    nodemailer
      .createTransport({
        host: '127.0.0.1',
        port: server.ports.smtp,
        secure: false,
        tls,
        name: 'mx.outside.example',
      })
      .sendMail({ from: 'someone@unresolvable.example', to: mailbox.address, subject, text: 'hello' });
  /** The subjects in the mailbox's INBOX over IMAP, or null when the login is refused. */
  const inbox = async (server: Server): Promise<string[] | null> => {
    const imap = new ImapFlow({
      host: '127.0.0.1',
      port: server.ports.imap,
      secure: false,
      tls,
      auth: { user: mailbox.address, pass: mailboxPassword },
      logger: false,
    });
    try {
      await imap.connect();
    } catch {
      return null;
    }
    try {
      const lock = await imap.getMailboxLock('INBOX');
      const subjects: string[] = [];
      try {
        for await (const message of imap.fetch('1:*', { envelope: true }))
          subjects.push(message.envelope?.subject ?? '');
      } finally {
        lock.release();
      }
      return subjects.sort();
    } finally {
      await imap.logout();
    }
  };
  const ftpClients: Client[] = [];
  afterAll(() => {
    for (const ftpClient of ftpClients) ftpClient.close();
  });
  const ftpLogin = async (server: Server) => {
    const ftpClient = new Client(10_000);
    ftpClients.push(ftpClient);
    await ftpClient.access({
      host: '127.0.0.1',
      port: server.ports.ftp,
      user: ftpUser,
      password: ftpPassword,
      secure: true,
      secureOptions: tls,
    });
    return ftpClient;
  };
  const download = async (ftpClient: Client, remote: string) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await ftpClient.downloadTo(sink, remote);
    return Buffer.concat(chunks).toString('utf8');
  };

  // What the customer has on B before the move: rows, a message, a page uploaded over FTP.
  const rootB = await rootOn(b);
  await rootB.query('CREATE TABLE ??.orders (id int primary key, note text)', [database.name]);
  await rootB.query('INSERT INTO ??.orders VALUES (1, ?), (2, ?)', [database.name, 'first', 'second']);
  await rootB.end();
  await deliver(b, 'sent to B');
  await eventually(async () => expect(await inbox(b)).toEqual(['sent to B']), 30_000, 250);
  const uploading = await ftpLogin(b);
  await uploading.uploadFrom(Readable.from(['uploaded to B\n']), 'moved.html');
  uploading.close();
  await eventually(
    async () => expect((await get(b.ports.web, domain, '/moved.html')).status).toBe(200),
    10_000,
  );

  it('moves the customer from B to A', async () => {
    expect((await client.request('POST', `${base}/move`, { serverId: a.id })).status).toBe(202);
    await eventually(
      async () => expect((await client.request('GET', base)).json.move.state).not.toBe('running'),
      300_000,
      500,
    );
    const customer = (await client.request('GET', base)).json;
    expect(customer.move).toMatchObject({ state: 'done', error: null });
    expect(customer.server.id).toBe(a.id);
  });

  it("carries the database with its rows to A's MariaDB, its user logs in there with its password, and B's has neither", async () => {
    const rows = [
      { id: 1, note: 'first' },
      { id: 2, note: 'second' },
    ];
    expect(await rowsAs(a)).toEqual(rows);
    const rootA = await rootOn(a);
    const [onA] = await rootA.query('SELECT id, note FROM ??.orders ORDER BY id', [database.name]);
    await rootA.end();
    expect(onA).toEqual(rows);
    expect(await rowsAs(b)).not.toEqual(rows);
    const root = await rootOn(b);
    const [schemas] = await root.query(
      'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [database.name],
    );
    const [users] = await root.query('SELECT User FROM mysql.user WHERE User = ?', [database.user]);
    await root.end();
    expect(schemas).toEqual([]);
    expect(users).toEqual([]);
  });

  it("carries the mailbox's messages to A, read over IMAP and POP3 with its password; B's Dovecot refuses it and keeps no store", async () => {
    await eventually(async () => expect(await inbox(a)).toEqual(['sent to B']), 15_000, 250);
    const pop3 = await Pop3Session.open(a.ports.pop3);
    expect(await pop3.login(mailbox.address, mailboxPassword)).toMatch(/^\+OK/);
    expect(await pop3.count()).toBe(1);
    expect(await pop3.retrieve(1)).toMatch(/Subject: sent to B/);
    await pop3.quit();
    // A takes the mailbox's new mail now, beside what it carried.
    await deliver(a, 'sent to A');
    await eventually(async () => expect(await inbox(a)).toEqual(['sent to A', 'sent to B']), 30_000, 250);

    await eventually(async () => expect(await inbox(b)).toBeNull(), 15_000, 250);
    const refused = await Pop3Session.open(b.ports.pop3);
    expect(await refused.login(mailbox.address, mailboxPassword)).toMatch(/^-ERR/);
    await refused.quit();
    expect(existsSync(path.join(b.dir, 'mail', 'store', mailbox.id))).toBe(false);
    expect(existsSync(path.join(a.dir, 'mail', 'store', mailbox.id))).toBe(true);
  });

  it("restores the move's last backup of the mailbox on A: the store is swapped for the backup's, read by A's Dovecot", async () => {
    const items: { id: string; trigger: string; createdAt: string }[] = (
      await client.request('GET', `${base}/backups`)
    ).json.items;
    const [synced] = items
      .filter((backup) => backup.trigger === 'before-move')
      .sort((x, y) => y.createdAt.localeCompare(x.createdAt));
    if (!synced) throw new Error("no backup of the move's final sync");
    const restore = await client.request('POST', `${base}/backups/${synced.id}/restore`, {
      parts: ['mailboxes'],
    });
    expect(restore.status).toBe(202);
    await eventually(
      async () => {
        const [job] = (await client.request('GET', `${base}/backup-jobs`)).json.items;
        expect(job).toMatchObject({ kind: 'restore', state: 'done', error: null });
      },
      60_000,
      250,
    );
    // Mail received since is gone, and the message the backup holds is there once.
    await eventually(async () => expect(await inbox(a)).toEqual(['sent to B']), 15_000, 250);
  });

  it("carries the FTP account: it logs in on A's pure-ftpd into its directory, and B's refuses it", async () => {
    const onA = await eventually(() => ftpLogin(a), 15_000, 250);
    expect(await download(onA, 'moved.html')).toBe('uploaded to B\n');
    onA.close();
    await expect(ftpLogin(b)).rejects.toThrow(/530/);
  });

  it('carries the files: A serves them, B keeps no home; the zone stays served by both name servers', async () => {
    const answer = await get(a.ports.web, domain, '/moved.html');
    expect(answer).toMatchObject({ status: 200, body: 'uploaded to B\n' });
    await eventually(async () => expect((await get(b.ports.web, domain)).status).not.toBe(200), 10_000);
    expect(existsSync(path.join(b.dir, 'homes', customerId))).toBe(false);
    for (const server of [a, b]) expect(await server.resolver.resolveSoa(domain)).toEqual(expect.any(Object));
  });
});
