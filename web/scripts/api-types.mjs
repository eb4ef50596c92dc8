// Writes web/src/api/schema.d.ts from the server's OpenAPI document.
// Areas of API.md the server does not serve yet come from web/src/api/openapi.provisional.json;
// a path the server serves always wins, so the provisional file shrinks to nothing over time.
//
//   node web/scripts/api-types.mjs [http://127.0.0.1:8080/api/openapi.json]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const source = process.argv[2] ?? 'http://127.0.0.1:8080/api/openapi.json';
const served = await (await fetch(source)).json();
const provisional = JSON.parse(
  readFileSync(new URL('../src/api/openapi.provisional.json', import.meta.url), 'utf8'),
);

for (const [path, item] of Object.entries(provisional.paths)) served.paths[path] ??= item;
served.components ??= {};
served.components.schemas ??= {};
for (const [name, schema] of Object.entries(provisional.components.schemas))
  served.components.schemas[name] ??= schema;

const merged = join(tmpdir(), 'keel-openapi-merged.json');
writeFileSync(merged, JSON.stringify(served));
execFileSync('node_modules/.bin/openapi-typescript', [merged, '-o', 'web/src/api/schema.d.ts'], {
  stdio: 'inherit',
});
