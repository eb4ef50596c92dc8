import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';

const dist = new URL('../../web/dist/', import.meta.url);
const limitBytes = 300 * 1024;
const skip = !existsSync(new URL('index.html', dist)) && !process.env.CI;
if (skip) console.warn('SKIPPING the bundle size check: web/dist is not built (run `npm run build`).');

describe('the built web panel', () => {
  test.skipIf(skip)('loads less than 300 KB of gzipped JavaScript before the first page', () => {
    const html = readFileSync(new URL('index.html', dist), 'utf8');
    const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map(
      (match) => match[1] ?? '',
    );
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (sum, script) => sum + gzipSync(readFileSync(new URL(script, dist))).length,
      0,
    );
    console.log(`first load: ${scripts.length} scripts, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeLessThan(limitBytes);
  });
});
