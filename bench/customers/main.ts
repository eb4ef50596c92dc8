import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import type { UserActor } from '../../server/src/access/actor.js';
import { packagePath } from '../../server/src/package-root.js';
import { type BenchDatabase, dropOwnDatabase, openBenchDatabase, serverVersion } from './bench-database.js';
import { walkByCursor } from './cursor-walk.js';
import { getJson, logIn, throughput } from './http-client.js';
import { startKeel } from './keel-process.js';
import { sampleSequentially } from './latency.js';
import { type BenchOptions, parseBenchOptions } from './options.js';
import { resellerAt, resellerCount } from './population.js';
import { type BenchReport, environment, markdownTable, plansMarkdown, type ShapeResult } from './report.js';
import { benchPassword, seededCustomerCount, seedPopulation } from './seed.js';
import { listShapes, queryString, type Shape } from './shapes.js';
import { explainStatements, listStatements, timeStatements } from './sql-replay.js';

const adminEmail = 'bench-admin@keel.test';
const warmUpSeconds = 3;

// Resellers are skewed as in life: the first holds about 6 % of all customers, the last about
// 0.24 %. A small reseller's list is the harder one: its customers are rare in every sort order.
const signedInResellers = { reseller: resellerAt(0), 'small reseller': resellerAt(resellerCount - 1) };

function actorFor(who: Shape['who']): UserActor {
  const reseller = who === 'admin' ? null : signedInResellers[who];
  const user = reseller
    ? {
        id: reseller.userId,
        email: reseller.email,
        name: reseller.name,
        role: 'reseller' as const,
        resellerId: reseller.id,
      }
    : { id: '', email: adminEmail, name: 'Bench admin', role: 'admin' as const, resellerId: null };
  return {
    kind: 'user',
    user: { ...user, customerId: null },
    impersonator: null,
    sessionId: null,
    apiTokenId: null,
  };
}

async function prepare(database: BenchDatabase, options: BenchOptions) {
  const seeded = await seededCustomerCount(database);
  if (options.reuse) {
    if (seeded !== options.customers) {
      throw new Error(
        `--reuse: the database holds ${seeded} customers, not ${options.customers}; run without --reuse`,
      );
    }
    console.log(`Reusing ${seeded} seeded customers.`);
    return;
  }
  if (seeded > 0)
    throw new Error('The database already holds customers: point DATABASE_URL at an empty one, or --reuse');
  console.log(`Seeding ${options.customers} customers …`);
  await seedPopulation(database, options.customers, console.log);
}

/** Phase one, with Keel not running: the list's SQL timed straight on the database, and its plans. */
async function measureSql(database: BenchDatabase, shapes: Shape[], seconds: number) {
  const measured = [];
  for (const shape of shapes) {
    const statements = await listStatements(database, actorFor(shape.who), shape.query);
    const sql = await timeStatements(database, statements, seconds);
    const plans = await explainStatements(database, statements);
    console.log(`  SQL  ${shape.name}: p50 ${sql.p50.toFixed(1)} ms, p95 ${sql.p95.toFixed(1)} ms`);
    measured.push({ shape, sql, statements: statements.map((s) => s.text), plans });
  }
  return measured;
}

/** Phase two: the same shapes through Keel's HTTP API, one at a time and at 16 clients. */
async function measureApi(options: BenchOptions, measured: Awaited<ReturnType<typeof measureSql>>) {
  const keel = await startKeel({
    DATABASE_URL: options.engine === 'postgres' ? options.databaseUrl : '',
    KEEL_DATA_DIR: options.dataDir,
    KEEL_ADMIN_EMAIL: adminEmail,
    KEEL_ADMIN_PASSWORD: benchPassword,
  });
  try {
    const cookies: Record<Shape['who'], string> = {
      admin: await logIn(keel.baseUrl, adminEmail, benchPassword),
      reseller: await logIn(keel.baseUrl, signedInResellers.reseller.email, benchPassword),
      'small reseller': await logIn(keel.baseUrl, signedInResellers['small reseller'].email, benchPassword),
    };
    // Keel signed in, its database open, nothing asked yet: its memory at rest.
    const restMemory = await keel.memory();
    const urlOf = (shape: Shape) => `${keel.baseUrl}/api/v1/customers${queryString(shape.query)}`;
    // A server just started answers slower: its code not yet compiled by the JIT, its database
    // connections not yet open. Load it unmeasured first, so the first shape does not pay for that.
    const [first] = measured;
    if (first) await throughput(urlOf(first.shape), { cookie: cookies[first.shape.who] }, warmUpSeconds);
    const results: ShapeResult[] = [];
    for (const { shape, ...sql } of measured) {
      const url = urlOf(shape);
      const cookie = cookies[shape.who];
      const first = await getJson<{ total: number; totalIsEstimate?: boolean }>(url, cookie);
      const api = await sampleSequentially(() => getJson(url, cookie), options.duration);
      const load = await throughput(url, { cookie }, options.duration);
      console.log(
        `  API  ${shape.name}: p50 ${api.p50.toFixed(1)} ms, p95 ${api.p95.toFixed(1)} ms, ${Math.round(load.requestsPerSecond)} req/s`,
      );
      results.push({
        shape,
        api,
        load,
        ...sql,
        total: first.total,
        totalIsEstimate: first.totalIsEstimate ?? false,
      });
    }
    const walk = await walkByCursor(`${keel.baseUrl}/api/v1/customers`, cookies.admin, keel.cpuMs);
    console.log(
      `  API  walk by cursor: ${walk.customers} customers in ${walk.pages} pages, ${walk.seconds.toFixed(1)} s; CPU per page: Keel ${walk.cpuPerPage.keel.toFixed(2)} ms, client ${walk.cpuPerPage.client.toFixed(2)} ms, machine ${walk.cpuPerPage.machine.toFixed(2)} ms`,
    );
    return { results, walk, restMemory, memory: await keel.memory() };
  } finally {
    await keel.stop();
  }
}

async function main() {
  const options = parseBenchOptions(process.argv.slice(2), process.env);
  try {
    await measure(options);
  } finally {
    await dropOwnDatabase(options);
  }
}

async function measure(options: BenchOptions) {
  const database = await openBenchDatabase(options);
  let report: BenchReport;
  try {
    const env = environment(
      options.engine,
      options.customers,
      await serverVersion(database),
      options.duration,
    );
    for (const [key, value] of Object.entries(env)) console.log(`${key}: ${value}`);
    await prepare(database, options);
    console.log('Timing the list SQL directly …');
    const measured = await measureSql(database, listShapes(options.customers), options.duration);
    await database.close();
    console.log('Timing the API …');
    const api = await measureApi(options, measured);
    report = {
      environment: {
        ...env,
        loadAverageAtEnd: loadavg()
          .map((load) => load.toFixed(1))
          .join(' '),
      },
      ...api,
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  const table = markdownTable(report);
  console.log(`\n${table}`);
  const results = packagePath('bench/results');
  await mkdir(results, { recursive: true });
  const name = `${results}/customers-${options.engine}-${options.customers}`;
  await writeFile(`${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(`${name}.md`, `${table}\n## Query plans\n\n${plansMarkdown(report)}\n`);
  console.log(`Written: ${name}.json and .md`);
}

await main();
