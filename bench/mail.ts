import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { createCustomer } from '../server/src/customers/create-customer.js';
import { reactivateCustomer } from '../server/src/customers/reactivate-customer.js';
import { suspendCustomer } from '../server/src/customers/suspend-customer.js';
import { createMailbox } from '../server/src/mail/create-mailbox.js';
import { createWebsite } from '../server/src/websites/create-website.js';
import { imapLoginAccepted } from './mail/imap-login.js';
import { type MailBench, startMailBench } from './mail/mail-services.js';
import { percentile, rounded } from './mail/percentiles.js';

const usage = `npm run bench:mail -- [--messages N] [--mailboxes N] [--rounds N]
  Delivers N messages (default 200) one after another by SMTP to one mailbox and times each from
  SMTP's acceptance until IMAP shows it; then suspends and reactivates a customer with N mailboxes
  (default 50) N times (default 3), timing until every mailbox's IMAP login is refused / allowed.
  DATABASE_URL  PostgreSQL for Keel's rows (default: a fresh PGlite in a temporary directory)`;

function benchOptions() {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '200' },
      mailboxes: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '3' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const count = (name: string, raw: string) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive integer\n${usage}`);
    return value;
  };
  return {
    messages: count('messages', values.messages),
    mailboxes: count('mailboxes', values.mailboxes),
    rounds: count('rounds', values.rounds),
  };
}

// Every login attempt comes from an address of its own (see imap-login.ts).
let nextAddress = 0;
const freshLoopback = () => {
  nextAddress += 1;
  return `127.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255 || 1}`;
};

interface Mailbox {
  address: string;
  password: string;
}

/** Milliseconds from `since` until the mailbox's login gives `wanted`: the start of that attempt. */
async function loginBecomes(bench: MailBench, mailbox: Mailbox, wanted: boolean, since: number) {
  const deadline = since + 60_000;
  while (performance.now() < deadline) {
    const started = performance.now();
    if (
      (await imapLoginAccepted(bench.imapPort, freshLoopback(), mailbox.address, mailbox.password)) === wanted
    )
      return started - since;
  }
  throw new Error(
    `${mailbox.address}: the login did not become ${wanted ? 'allowed' : 'refused'} within 60 s`,
  );
}

async function deliveries(bench: MailBench, mailbox: Mailbox, messages: number): Promise<number[]> {
  const smtp = nodemailer.createTransport({
    host: '127.0.0.1',
    port: bench.smtpPort,
    secure: false,
    pool: true,
    tls: { rejectUnauthorized: false },
  });
  const imap = new ImapFlow({
    host: '127.0.0.1',
    port: bench.imapPort,
    secure: false,
    tls: { rejectUnauthorized: false },
    auth: { user: mailbox.address, pass: mailbox.password },
    logger: false,
  });
  await imap.connect();
  const samples: number[] = [];
  try {
    for (let n = 1; n <= messages; n++) {
      await smtp.sendMail({
        from: 'sender@outside.example',
        to: mailbox.address,
        subject: `bench ${n}`,
        text: 'x',
      });
      const accepted = performance.now();
      const deadline = accepted + 30_000;
      for (;;) {
        const status = await imap.status('INBOX', { messages: true });
        if (status !== false && (status.messages ?? 0) >= n) break;
        if (performance.now() > deadline) throw new Error(`message ${n} was not readable within 30 s`);
      }
      samples.push(performance.now() - accepted);
    }
  } finally {
    smtp.close();
    await imap.logout();
  }
  return samples;
}

async function main(): Promise<void> {
  const options = benchOptions();
  const bench = await startMailBench(process.env.DATABASE_URL || null);
  try {
    const { ctx } = bench;
    const run = Date.now().toString(36);
    const domain = `mail-bench-${run}.test`;
    const { customer } = await createCustomer(ctx, {
      firstName: 'Mail',
      lastName: 'Benchmark',
      email: `mail-${run}@bench.keel.test`,
    });
    await createWebsite(ctx, customer.id, { domain });
    const mailboxes: Mailbox[] = [];
    for (let n = 0; n < options.mailboxes; n++) {
      const { resource: mailbox, password } = await createMailbox(ctx, customer.id, {
        address: `box${n}@${domain}`,
      });
      mailboxes.push({ address: mailbox.address, password });
    }
    await bench.reconciler.settle();
    const ready = performance.now();
    await Promise.all(mailboxes.map((mailbox) => loginBecomes(bench, mailbox, true, ready)));

    const delivery = await deliveries(bench, mailboxes[0] as Mailbox, options.messages);
    console.log(
      `delivery, SMTP accepted → IMAP readable, ${delivery.length} messages: p50 ${rounded(percentile(delivery, 0.5))} ms, p95 ${rounded(percentile(delivery, 0.95))} ms, max ${rounded(Math.max(...delivery))} ms`,
    );
    for (let round = 1; round <= options.rounds; round++) {
      const load = loadavg()[0]?.toFixed(2);
      const suspended = performance.now();
      await suspendCustomer(ctx, customer.id, { reason: 'mail benchmark' });
      const refused = await Promise.all(
        mailboxes.map((mailbox) => loginBecomes(bench, mailbox, false, suspended)),
      );
      const reactivated = performance.now();
      await reactivateCustomer(ctx, customer.id);
      const allowed = await Promise.all(
        mailboxes.map((mailbox) => loginBecomes(bench, mailbox, true, reactivated)),
      );
      console.log(
        `round ${round} (load ${load}): suspend → every login refused ${rounded(Math.max(...refused))} ms (first ${rounded(Math.min(...refused))} ms); reactivate → every login allowed ${rounded(Math.max(...allowed))} ms (first ${rounded(Math.min(...allowed))} ms)`,
      );
    }
    console.log(
      `${mailboxes.length} mailboxes; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; Node ${process.version}; ${bench.database}; ${bench.versions}`,
    );
  } finally {
    await bench.close();
  }
}

await main();
