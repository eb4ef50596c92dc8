import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DatabaseCronRunStore } from '../../server/src/cron-jobs/cron-run-store.js';
import { cronScheduler } from '../../server/src/cron-jobs/cron-scheduler.js';
import { customers } from '../../server/src/db/schema/customers.js';
import { homeDirectory } from '../../server/src/provisioning/drivers/files/customer-homes.js';
import { localServer } from '../../server/src/provisioning/server-ref.js';
import { testApp } from '../helpers/app.js';
import { startPurgeWorker } from '../helpers/customer-factory.js';
import { startReconciler } from '../helpers/reconciler.js';
import { makeCustomerOf } from '../helpers/reseller-factory.js';
import { eventually, mustSkip, sharedTempDir } from './helpers.js';

const runsAsRoot = process.getuid?.() === 0;

/** Command lines of the live processes holding `marker`: what of a job still runs. */
async function processesWith(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const line = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (line.includes(marker)) found.push(Number(entry));
  }
  return found;
}

describe.skipIf(mustSkip('root (cron jobs run as each customer’s user)', runsAsRoot))(
  "cron jobs run by Keel's scheduler as the customer's own user",
  async () => {
    const dataDir = await sharedTempDir('cron');
    const keel = await testApp({ homesDir: path.join(dataDir, 'homes') });
    const services = await startReconciler(keel, { dataDir });
    const admin = await keel.admin();
    const log = { error: (...args: unknown[]) => console.error(...args) };
    const scheduler = (timeoutMs: number) =>
      cronScheduler({
        store: new DatabaseCronRunStore({ db: keel.handle.db, server: localServer, now: keel.clock.now }),
        signals: keel.system.signals,
        log,
        homesDir: keel.homesDir,
        timeoutMs,
        now: keel.clock.now,
      });
    // A limit no short job reaches on a loaded machine; the overrun test sets its own.
    const quick = scheduler(30_000);

    const uidOf = async (customerId: string) => {
      const [row] = await keel.handle.db
        .select({ uid: customers.systemUid })
        .from(customers)
        .where(eq(customers.id, customerId));
      return row?.uid ?? -1;
    };
    /** A job through the API, waited on until the reconciler has its home ready. */
    const addJob = async (customerId: string, command: string, schedule = '* * * * *') => {
      const created = await admin.post(`/customers/${customerId}/cron-jobs`, { schedule, command });
      expect(created.statusCode).toBe(201);
      const url = `/customers/${customerId}/cron-jobs/${created.json().id}`;
      await ready(url);
      return url;
    };
    const ready = (url: string) =>
      eventually(async () => expect((await admin.get(url)).json().provisioning.state).toBe('ready'), 10_000);
    const lastRun = async (url: string) => (await admin.get(url)).json().lastRun;
    /** The next minute on Keel's clock: every `* * * * *` job is due. */
    const nextMinute = () => keel.clock.advance(60_000);

    it('runs a due job once as the customer’s uid in its home, keeping exit code and output', async () => {
      const customer = await makeCustomerOf(keel, null);
      const uid = await uidOf(customer.id);
      const home = homeDirectory(keel.homesDir, customer.id);
      const url = await addJob(customer.id, 'echo hi; id -u; id -G; pwd; echo x >> runs.log; exit 3');

      nextMinute();
      // Two Keel processes reaching the same due time: only one runs it.
      await Promise.all([quick.runDue(), scheduler(30_000).runDue()]);
      const run = await lastRun(url);
      expect(run).toMatchObject({ exitCode: 3, output: `hi\n${uid}\n${uid}\n${home}\n` });
      expect(Date.parse(run.at)).toBeLessThanOrEqual(keel.clock.now().getTime());
      expect(await readFile(path.join(home, 'runs.log'), 'utf8')).toBe('x\n');
      expect((await stat(path.join(home, 'runs.log'))).uid).toBe(uid);

      // The same minute again: nothing more is due.
      await quick.runDue();
      expect(await readFile(path.join(home, 'runs.log'), 'utf8')).toBe('x\n');
      nextMinute();
      await quick.runDue();
      expect(await readFile(path.join(home, 'runs.log'), 'utf8')).toBe('x\nx\n');
      // Every test's schedulers take every due job: this one's are done.
      expect((await admin.delete(url)).statusCode).toBe(204);
    });

    it('kills a run that overruns the time limit, its whole process group, and says so', async () => {
      const customer = await makeCustomerOf(keel, null);
      const marker = `31.${Date.now() % 1000}7`;
      const url = await addJob(customer.id, `echo started; sleep ${marker} & sleep ${marker}`);
      nextMinute();
      await scheduler(1500).runDue();
      const run = await lastRun(url);
      expect(run.exitCode).toBe(137);
      expect(run.output).toBe('started\n[keel] killed after 1.5 s, the time limit\n');
      expect(await processesWith(`sleep\0${marker}`)).toEqual([]);
      expect((await admin.delete(url)).statusCode).toBe(204);
    });

    it('runs nothing of a suspended customer, stops a run when it is suspended, and runs again after reactivation', async () => {
      const customer = await makeCustomerOf(keel, null);
      const home = homeDirectory(keel.homesDir, customer.id);
      const url = await addJob(customer.id, 'echo x >> runs.log');
      const marker = `41.${Date.now() % 1000}3`;
      const longUrl = await addJob(customer.id, `sleep ${marker}`);
      const patient = scheduler(60_000);

      nextMinute();
      const running = patient.runDue();
      await eventually(async () => expect(await processesWith(`sleep\0${marker}`)).toHaveLength(1), 10_000);
      expect((await admin.post(`/customers/${customer.id}/suspend`, { reason: 'unpaid' })).statusCode).toBe(
        200,
      );
      await patient.watch();
      await running;
      expect(await processesWith(`sleep\0${marker}`)).toEqual([]);
      expect((await lastRun(longUrl)).output).toContain(
        '[keel] stopped: the job was switched off or its customer suspended',
      );
      expect(await readFile(path.join(home, 'runs.log'), 'utf8')).toBe('x\n');

      nextMinute();
      await quick.runDue();
      await services.reconciler.settle();
      nextMinute();
      await quick.runDue();
      expect(await readFile(path.join(home, 'runs.log'), 'utf8')).toBe('x\n');

      expect((await admin.post(`/customers/${customer.id}/reactivate`)).statusCode).toBe(200);
      await ready(url);
      await admin.patch(longUrl, { enabled: false });
      nextMinute();
      await quick.runDue();
      expect(await readFile(path.join(home, 'runs.log'), 'utf8')).toBe('x\nx\n');
      // Switched off, the long job did not start again.
      expect(await processesWith(`sleep\0${marker}`)).toEqual([]);
    });

    it('runs nothing of a soft-deleted customer, and its purge takes its jobs away', async () => {
      const customer = await makeCustomerOf(keel, null);
      const home = homeDirectory(keel.homesDir, customer.id);
      const url = await addJob(customer.id, 'echo x >> runs.log');
      expect((await admin.delete(`/customers/${customer.id}`)).statusCode).toBe(200);
      nextMinute();
      await quick.runDue();
      expect(await readFile(path.join(home, 'runs.log'), 'utf8').catch(() => 'none')).toBe('none');
      const purger = await startPurgeWorker(keel);
      expect((await admin.post(`/customers/${customer.id}/purge`)).statusCode).toBe(202);
      await services.reconciler.settle();
      await purger.sweepNow();
      await eventually(async () => expect((await admin.get(url)).statusCode).toBe(404), 10_000);
      expect((await admin.get(`/customers/${customer.id}`)).statusCode).toBe(404);
    });
  },
);
