import { cpus, loadavg, totalmem } from 'node:os';
import type { CursorWalk } from './cursor-walk.js';
import type { Latency } from './latency.js';
import type { Shape } from './shapes.js';

export interface ShapeResult {
  shape: Shape;
  api: Latency;
  load: { requestsPerSecond: number; p50: number; p99: number };
  sql: Latency;
  total: number;
  totalIsEstimate: boolean;
  statements: string[];
  plans: string[];
}

export interface BenchReport {
  environment: Record<string, string | number>;
  /** Keel's memory signed in, before any list request; and after the run (with its peak). */
  restMemory: { rssMb: number; peakRssMb: number };
  memory: { rssMb: number; peakRssMb: number };
  results: ShapeResult[];
  walk: CursorWalk;
}

export function environment(engine: string, customers: number, database: string, seconds: number) {
  return {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    // The cores are shared: the load beside the run says how much of the figures is contention.
    loadAverageAtStart: loadavg()
      .map((load) => load.toFixed(1))
      .join(' '),
    node: process.version,
    engine,
    database,
    customers,
    loadSecondsPerShape: seconds,
  };
}

const ms = (value: number) => value.toFixed(1);

/** Issue 6's targets: p95 per shape (30 ms on PostgreSQL, 100 ms on PGlite) and the API's overhead. */
function misses(result: ShapeResult, engine: string): string {
  const limit = engine === 'pglite' ? 100 : 30;
  const missed: string[] = [];
  if (result.api.p95 > limit) missed.push(`p95 > ${limit}`);
  if (engine !== 'pglite' && result.api.p50 - result.sql.p50 > 3) missed.push('overhead > 3');
  if (result.shape.name === 'default page' && engine !== 'pglite' && result.load.requestsPerSecond < 1000) {
    missed.push('< 1000 req/s');
  }
  return missed.join(', ') || 'met';
}

export function markdownTable(report: BenchReport): string {
  const engine = String(report.environment.engine);
  const lines = [
    '| shape | API p50 | API p95 | API p99 | req/s @16 | SQL p50 | SQL p95 | API − SQL p50 | total | targets |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...report.results.map((r) =>
      [
        r.shape.name,
        ms(r.api.p50),
        ms(r.api.p95),
        ms(r.api.p99),
        Math.round(r.load.requestsPerSecond),
        ms(r.sql.p50),
        ms(r.sql.p95),
        ms(r.api.p50 - r.sql.p50),
        `${r.totalIsEstimate ? '≈ ' : ''}${r.total.toLocaleString('en')}`,
        misses(r, engine),
      ].join(' | '),
    ),
  ].map((line) => (line.startsWith('|') ? line : `| ${line} |`));
  const env = Object.entries(report.environment).map(([key, value]) => `- ${key}: ${value}`);
  const memory = [
    `- Keel RSS at rest (signed in, no list asked yet): ${ms(report.restMemory.rssMb)} MiB`,
    `- Keel RSS after the run: ${ms(report.memory.rssMb)} MiB (peak ${ms(report.memory.peakRssMb)} MiB)`,
  ];
  const { walk } = report;
  const walked = [
    `Walking all customers by cursor, 100 per page: ${walk.customers.toLocaleString('en')} customers in ${walk.pages.toLocaleString('en')} pages, ${walk.seconds.toFixed(1)} s`,
    `(a page: p50 ${ms(walk.page.p50)}, p95 ${ms(walk.page.p95)}, p99 ${ms(walk.page.p99)} ms; target for 1,000,000: under 60 s).`,
    `CPU per page: Keel ${ms(walk.cpuPerPage.keel)}, this client ${ms(walk.cpuPerPage.client)}, the whole machine ${ms(walk.cpuPerPage.machine)} ms (with PostgreSQL and the kernel).`,
  ];
  return [...env, ...memory, '', 'Times in milliseconds.', '', ...lines, '', ...walked, ''].join('\n');
}

/**
 * A plan as docs/performance.md shows it: what each node really did, without the planner's cost
 * figures and the buffer counts (the JSON keeps the full plans).
 */
function condensedPlan(plan: string): string {
  return plan
    .split('\n')
    .filter((line) => !/^\s*(Buffers:|Planning:$)/.test(line))
    .map((line) => line.replace(/ ?\(cost=[^)]*\)/, ''))
    .join('\n');
}

export function plansMarkdown(report: BenchReport): string {
  return report.results
    .map((r) => {
      const sections = r.statements.map(
        (text, i) => `\`\`\`sql\n${text}\n\`\`\`\n\`\`\`\n${condensedPlan(r.plans[i] ?? '')}\n\`\`\``,
      );
      return [`### ${r.shape.name}`, ...sections].join('\n\n');
    })
    .join('\n\n');
}
