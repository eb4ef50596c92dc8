import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  engine: 'postgres' | 'pglite';
  customers: number;
  reuse: boolean;
  /** Seconds of load per shape at 16 clients, and the time budget of each sequential sample. */
  duration: number;
  databaseUrl: string;
  /** True for the benchmark's own database (not DATABASE_URL), which it may drop and create again. */
  ownsDatabase: boolean;
  /** Drop the benchmark's own database once measured (a shared machine keeps no million rows). */
  drop: boolean;
  dataDir: string;
}

const usage = `npm run bench:customers -- [--pglite] [--customers N] [--reuse] [--duration S] [--database NAME] [--drop]
  --pglite        embedded PGlite in data/bench-customers instead of PostgreSQL
  --customers N   customers to seed (default 1000000 on PostgreSQL, 100000 on PGlite)
  --reuse         measure the database seeded by an earlier run with the same N
  --duration S    seconds of load per query shape (default 5)
  --database NAME the benchmark's own PostgreSQL database (default keel_bench), recreated on each fresh seed
  --drop          drop that database after the run
PostgreSQL is DATABASE_URL, else postgres://postgres@127.0.0.1:5432/NAME.`;

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer\n${usage}`);
  return value;
}

export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      pglite: { type: 'boolean', default: false },
      customers: { type: 'string' },
      reuse: { type: 'boolean', default: false },
      duration: { type: 'string' },
      database: { type: 'string', default: 'keel_bench' },
      drop: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const engine = values.pglite ? 'pglite' : 'postgres';
  return {
    engine,
    customers: positive('customers', values.customers, engine === 'pglite' ? 100_000 : 1_000_000),
    reuse: values.reuse,
    duration: positive('duration', values.duration, 5),
    databaseUrl:
      env.DATABASE_URL || `postgres://postgres@127.0.0.1:5432/${encodeURIComponent(values.database)}`,
    ownsDatabase: !env.DATABASE_URL,
    drop: values.drop && !env.DATABASE_URL,
    dataDir: resolve('data/bench-customers'),
  };
}
