import { access } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { findMailBinaries } from '../../server/src/provisioning/drivers/mail/mail-binaries.js';
import { checkInventory } from '../../server/src/provisioning/inventory.js';
import { testApp } from '../helpers/app.js';
import { purgeThroughApi, startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, freePort, mustSkip, sharedTempDir } from './helpers.js';
import { Pop3Session } from './pop3-client.js';

const haveMail = (await findMailBinaries()) !== undefined;

describe.skipIf(mustSkip('Postfix and Dovecot', haveMail))(
  'mailboxes on a real Postfix and Dovecot',
  async () => {
    const dataDir = await sharedTempDir('mail-lifecycle');
    const keel = await testApp();
    const [smtp, submission, imap, pop3] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const services = await startReconciler(keel, {
      dataDir,
      mail: { smtpPort: smtp, submissionPort: submission, imapPort: imap, pop3Port: pop3 },
    });
    const admin = await keel.admin();
    const customer = await makeCustomerOf(keel, null);
    const base = `/customers/${customer.id}`;
    expect((await admin.post(`${base}/websites`, { domain: 'lifecycle-mail.test' })).statusCode).toBe(201);
    const created = (await admin.post(`${base}/mailboxes`, { address: 'box@lifecycle-mail.test' })).json();
    const mailboxUrl = `${base}/mailboxes/${created.mailbox.id}`;
    let password: string = created.password;
    const alias = (
      await admin.post(`${base}/mail-aliases`, {
        address: 'hello@lifecycle-mail.test',
        destinations: ['box@lifecycle-mail.test'],
      })
    ).json();
    const settle = () => services.reconciler.settle();

    const tls = { rejectUnauthorized: false };
    /** Mail from another server: a sender whose domain does not resolve, no AUTH. */
    const inbound = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp,
      secure: false,
      tls,
      name: 'mx.outside.example',
    });
    let sent = 0;
    const deliver = (to: string) =>
      inbound.sendMail({
        from: 'someone@unresolvable.example',
        to,
        subject: `message ${++sent}`,
        text: 'hello',
      });
    /** The SMTP status a recipient gets at RCPT, or 250 when the message was accepted. */
    const rcptStatus = (to: string) =>
      deliver(to).then(
        () => 250,
        (error: { responseCode?: number }) => error.responseCode,
      );

    const imapClient = (user = 'box@lifecycle-mail.test', pass = password) =>
      new ImapFlow({
        host: '127.0.0.1',
        port: imap,
        secure: false,
        tls,
        auth: { user, pass },
        logger: false,
      });
    /** Whether IMAP accepts the password; a refusal is the same whatever the reason. */
    async function imapLogin(pass = password): Promise<boolean> {
      const client = imapClient('box@lifecycle-mail.test', pass);
      try {
        await client.connect();
        await client.logout();
        return true;
      } catch {
        return false;
      }
    }
    // Dovecot looks at its passwd-files at most once a second: a login's answer follows a change
    // within about a second of the change being applied.
    const loginBecomes = (expected: boolean, pass = password) =>
      eventually(async () => expect(await imapLogin(pass)).toBe(expected), 5_000, 100);
    async function inboxCount(): Promise<number> {
      const client = imapClient();
      await client.connect();
      try {
        const status = await client.status('INBOX', { messages: true });
        return status === false ? 0 : (status.messages ?? 0);
      } finally {
        await client.logout();
      }
    }
    const delivered = (count: number) =>
      eventually(async () => expect(await inboxCount()).toBe(count), 10_000, 100);
    const readyAgain = async (url: string) => {
      await settle();
      await eventually(
        async () => expect((await admin.get(url)).json().provisioning.state).toBe('ready'),
        10_000,
        50,
      );
    };

    it('receives mail from outside for the mailbox and its alias, read over IMAP and POP3', async () => {
      await readyAgain(mailboxUrl);
      await deliver('box@lifecycle-mail.test');
      await deliver('Hello@Lifecycle-Mail.test');
      await delivered(2);
      const client = imapClient();
      await client.connect();
      const lock = await client.getMailboxLock('INBOX');
      const subjects: string[] = [];
      for await (const message of client.fetch('1:*', { envelope: true }))
        subjects.push(message.envelope?.subject ?? '');
      lock.release();
      await client.logout();
      expect(subjects.sort()).toEqual(['message 1', 'message 2']);

      const session = await Pop3Session.open(pop3);
      expect(await session.login('box@lifecycle-mail.test', password)).toMatch(/^\+OK/);
      expect(await session.count()).toBe(2);
      expect(await session.retrieve(1)).toMatch(/Subject: message [12]/);
      await session.quit();
      expect((await admin.get(`${base}/mail-aliases/${alias.id}`)).json().provisioning.state).toBe('ready');
    });

    it('is no open relay: mail for other domains is refused at RCPT, unknown addresses 550', async () => {
      expect(await rcptStatus('someone@elsewhere.example')).toBe(554);
      expect(await rcptStatus('nobody@lifecycle-mail.test')).toBe(550);
    });

    it('sends through submission only after STARTTLS and AUTH with its password, and only as itself', async () => {
      expect(await ehlo(submission)).not.toMatch(/AUTH/);
      const submit = (pass: string) =>
        nodemailer.createTransport({
          host: '127.0.0.1',
          port: submission,
          secure: false,
          requireTLS: true,
          tls,
          auth: { user: 'box@lifecycle-mail.test', pass },
        });
      await expect(
        submit(password).sendMail({
          from: 'box@lifecycle-mail.test',
          to: 'hello@lifecycle-mail.test',
          subject: 'own',
          text: 'x',
        }),
      ).resolves.toMatchObject({ accepted: ['hello@lifecycle-mail.test'] });
      await delivered(3);
      await expect(
        submit(password).sendMail({
          from: 'ceo@lifecycle-mail.test',
          to: 'box@lifecycle-mail.test',
          subject: 'forged',
          text: 'x',
        }),
      ).rejects.toMatchObject({ responseCode: 553 });
      await expect(
        submit('not the password').sendMail({
          from: 'box@lifecycle-mail.test',
          to: 'box@lifecycle-mail.test',
          text: 'x',
        }),
      ).rejects.toMatchObject({ responseCode: 535 });
    });

    it('takes a new password at once and refuses the old one', async () => {
      const generated = (await admin.post(`${mailboxUrl}/password`, {})).json().password;
      await readyAgain(mailboxUrl);
      const old = password;
      password = generated;
      await loginBecomes(true, password);
      await loginBecomes(false, old);
    });

    it('suspended: still receives and stores every message, refuses every login and closes open sessions', async () => {
      const open = imapClient();
      await open.connect();
      const closed = new Promise<void>((resolve) => open.once('close', () => resolve()));
      expect((await admin.post(`${base}/suspend`, { reason: 'unpaid' })).statusCode).toBe(200);
      await readyAgain(mailboxUrl);
      await closed;
      await loginBecomes(false);
      const session = await Pop3Session.open(pop3);
      expect(await session.login('box@lifecycle-mail.test', password)).toMatch(/^-ERR/);
      await session.quit();
      expect(await rcptStatus('box@lifecycle-mail.test')).toBe(250);
      expect(await rcptStatus('hello@lifecycle-mail.test')).toBe(250);

      expect((await admin.post(`${base}/reactivate`)).statusCode).toBe(200);
      await readyAgain(mailboxUrl);
      await delivered(5);
    });

    it('switched off: refuses logins and inbound mail with 550; switched on, both work again', async () => {
      expect((await admin.patch(mailboxUrl, { enabled: false })).statusCode).toBe(200);
      await readyAgain(mailboxUrl);
      expect(await rcptStatus('box@lifecycle-mail.test')).toBe(550);
      await loginBecomes(false);
      expect((await admin.patch(mailboxUrl, { enabled: true })).statusCode).toBe(200);
      await readyAgain(mailboxUrl);
      await loginBecomes(true);
    });

    it('soft-deleted: senders get a temporary failure; restored, mail is delivered again', async () => {
      expect((await admin.delete(base)).statusCode).toBe(200);
      await readyAgain(mailboxUrl);
      expect(await rcptStatus('box@lifecycle-mail.test')).toBe(450);
      expect(await rcptStatus('hello@lifecycle-mail.test')).toBe(450);
      await loginBecomes(false);
      expect((await admin.post(`${base}/restore`)).statusCode).toBe(200);
      await readyAgain(mailboxUrl);
      expect(await rcptStatus('box@lifecycle-mail.test')).toBe(250);
      await delivered(6);
    });

    it('purged: mail is rejected, the mail store is gone from disk and keel doctor finds no orphan', async () => {
      const store = path.join(dataDir, 'mail', 'store', created.mailbox.id);
      await access(store);
      await purgeThroughApi(keel, services, customer.id);
      expect(await rcptStatus('box@lifecycle-mail.test')).toBe(554);
      await expect(access(store)).rejects.toThrow();
      const findings = await checkInventory(keel.handle.db, services.drivers.kinds);
      expect(findings.filter((finding) => finding.kind.startsWith('mail-'))).toEqual([]);
    });
  },
);

/** The lines a server answers EHLO with, before any STARTTLS. */
function ehlo(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    let greeted = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (!greeted && /^220 /m.test(text)) {
        greeted = true;
        text = '';
        socket.write('EHLO client.example\r\n');
      } else if (greeted && /^250 /m.test(text)) {
        socket.end('QUIT\r\n');
        resolve(text);
      }
    });
    socket.once('error', reject);
  });
}
