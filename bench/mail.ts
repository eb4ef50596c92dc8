import { watch } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { createCustomer } from '../server/src/customers/create-customer.js';
import { reactivateCustomer } from '../server/src/customers/reactivate-customer.js';
import { suspendCustomer } from '../server/src/customers/suspend-customer.js';
import { createMailbox } from '../server/src/mail/create-mailbox.js';
import { mailLayout } from '../server/src/provisioning/drivers/mail/layout.js';
import { createWebsite } from '../server/src/websites/create-website.js';
import { imapLogin } from './mail/imap-login.js';
import { type ProbedMailbox, probeSwitch, type Switched } from './mail/login-switch.js';
import { type MailBench, startMailBench } from './mail/mail-services.js';
import { percentile, rounded } from './mail/percentiles.js';

const usage = `npm run bench:mail -- [--messages N] [--mailboxes N] [--rounds N]
  Delivers N messages (default 200) one after another by SMTP to one mailbox and times each from
  SMTP's acceptance until IMAP shows it; then suspends and reactivates a customer with N mailboxes
  (default 50) N times (default 3): for every mailbox, IMAP logins until one is refused / accepted,
  reported as the time after which the switch came and by which it had come (see login-switch.ts).
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

/** When Keel renamed a new list of refused addresses into place: fs.watch sees the rename. */
function watchDeniedList(bench: MailBench) {
  const { deniedFile } = mailLayout(path.join(bench.dataDir, 'mail'));
  const renames: number[] = [];
  const watcher = watch(path.dirname(deniedFile), (_event, name) => {
    if (name === path.basename(deniedFile)) renames.push(performance.now());
  });
  return {
    firstSince: (since: number) => (renames.find((time) => time >= since) ?? Number.NaN) - since,
    close: () => watcher.close(),
  };
}

/** The median time from LOGIN to an accepted answer, one login at a time. */
async function acceptedLoginTime(bench: MailBench, mailbox: ProbedMailbox): Promise<number> {
  const times: number[] = [];
  for (let n = 0; n < 7; n++) {
    const attempt = await imapLogin(bench.imapPort, freshLoopback(), mailbox.address, mailbox.password);
    if (!attempt.accepted) throw new Error(`${mailbox.address}: login refused before the rounds`);
    times.push(attempt.answered - attempt.sent);
  }
  return percentile(times, 0.5);
}

const slowest = (switched: Switched[], bound: 'after' | 'sent' | 'by') =>
  rounded(Math.max(...switched.map((mailbox) => mailbox[bound])));

/** The slowest mailbox's bounds: every mailbox had switched by then. */
const spread = (switched: Switched[]) =>
  `after ${slowest(switched, 'after')} ms, first new answer sent by ${slowest(switched, 'sent')} ms, looked up by ${slowest(switched, 'by')} ms at the latest`;

async function deliveries(bench: MailBench, mailbox: ProbedMailbox, messages: number): Promise<number[]> {
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
    const mailboxes: ProbedMailbox[] = [];
    for (let n = 0; n < options.mailboxes; n++) {
      const { resource: mailbox, password } = await createMailbox(ctx, customer.id, {
        address: `box${n}@${domain}`,
      });
      mailboxes.push({ address: mailbox.address, password });
    }
    await bench.reconciler.settle();
    const probe = (accepted: boolean, since: number, refusalPresumedAfter: number) =>
      probeSwitch(
        {
          imapPort: bench.imapPort,
          accepted,
          since,
          refusalPresumedAfter,
          pause: 250,
          loopbackAddress: freshLoopback,
        },
        mailboxes,
      );
    // Until every mailbox logs in, each waits for its answer: nothing is refused yet.
    await probe(true, performance.now(), 60_000);

    const delivery = await deliveries(bench, mailboxes[0] as ProbedMailbox, options.messages);
    console.log(
      `delivery, SMTP accepted → IMAP readable, ${delivery.length} messages: p50 ${rounded(percentile(delivery, 0.5))} ms, p95 ${rounded(percentile(delivery, 0.95))} ms, max ${rounded(Math.max(...delivery))} ms`,
    );
    const loginTime = await acceptedLoginTime(bench, mailboxes[0] as ProbedMailbox);
    // Long enough for an accepted login to answer even when a few wait for the auth process.
    const refusalPresumedAfter = Math.max(150, 3 * loginTime);
    console.log(
      `one accepted IMAP LOGIN alone: ${rounded(loginTime)} ms (median of 7); an attempt unanswered after ${rounded(refusalPresumedAfter)} ms is taken for a delayed refusal while reactivating`,
    );
    const deniedList = watchDeniedList(bench);
    try {
      for (let round = 1; round <= options.rounds; round++) {
        const load = loadavg()[0]?.toFixed(2);
        const suspended = performance.now();
        await suspendCustomer(ctx, customer.id, { reason: 'mail benchmark' });
        // Waiting for each answer: until the switch they are accepted, and after it the first
        // refusal's sending is the bound, however late its answer.
        const refused = await probe(false, suspended, 60_000);
        const refusedList = deniedList.firstSince(suspended);
        const reactivated = performance.now();
        await reactivateCustomer(ctx, customer.id);
        const allowed = await probe(true, reactivated, refusalPresumedAfter);
        console.log(
          `round ${round} (load ${load}): suspend → list written at ${rounded(refusedList)} ms, every login refused ${spread(refused)}; reactivate → list written at ${rounded(deniedList.firstSince(reactivated))} ms, every login accepted ${spread(allowed)}`,
        );
      }
    } finally {
      deniedList.close();
    }
    console.log(
      `${mailboxes.length} mailboxes; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; Node ${process.version}; ${bench.database}; ${bench.versions}`,
    );
  } finally {
    await bench.close();
  }
}

await main();
