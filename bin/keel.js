#!/usr/bin/env node
import { existsSync } from 'node:fs';
import v8 from 'node:v8';

const entry = new URL('../dist/server/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('Keel is not built yet: run `npm run build` (or `npm start`, which builds first).');
  process.exit(1);
}
// V8's heap, sized for Keel on its embedded database rather than for throughput
// (docs/performance.md, issue 17). Its young generation grows from 2 to 32 MiB as Keel starts and
// keeps all of it: a growth factor of 1 holds it at 2 MiB (set here, once V8 runs: on the command
// line V8 raises it to 2). Its old generation may grow 20 % over what survived the last full
// collection instead of doubling, so a busy minute's garbage is collected sooner. With 100,000
// customers on PGlite: 31 MiB less at start, 45 MiB less after load (measured on Node 20; later
// V8s may hold the factor at 2 or more, and then only the old generation's bound takes effect).
// On PostgreSQL (DATABASE_URL) the panel is sized for requests instead: the small young
// generation cost a third of the list's throughput at 16 clients (261 instead of 417 req/s).
if (!process.env.DATABASE_URL) {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  v8.setFlagsFromString('--heap-growing-percent=20');
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
