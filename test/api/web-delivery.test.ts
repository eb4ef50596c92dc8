import { existsSync, readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../server/src/package-root.js';
import { testApp } from '../helpers/app.js';

const built = existsSync(packagePath('web/dist/index.html'));
const skip = !built && !process.env.CI;
if (skip) console.warn('SKIPPING the web delivery tests: web/dist is not built (run `npm run build`).');

const immutable = 'public, max-age=31536000, immutable';
/** What Chromium sends. */
const browserEncodings = 'gzip, deflate, br, zstd';

describe.skipIf(skip)('the built web panel is cached and compressed', async () => {
  const keel = await testApp();
  const get = (url: string, acceptEncoding?: string) =>
    keel.app.inject({
      method: 'GET',
      url,
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });
  const indexHtml = readFileSync(packagePath('web/dist/index.html'));
  const assets = [...indexHtml.toString().matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
    (match) => match[1] ?? '',
  );
  const entryScript = assets.find((asset) => asset.endsWith('.js')) ?? '';
  const stylesheet = assets.find((asset) => asset.endsWith('.css')) ?? '';
  const fileOf = (url: string) => readFileSync(packagePath(`web/dist${url}`));

  it('lets browsers keep every hashed file a year without asking again', async () => {
    expect(assets.length).toBeGreaterThan(1);
    for (const asset of assets) {
      for (const encoding of [browserEncodings, undefined]) {
        const response = await get(asset, encoding);
        expect(response.statusCode, asset).toBe(200);
        expect(response.headers['cache-control'], asset).toBe(immutable);
      }
    }
  });

  it('makes browsers revalidate index.html, at / and at every deep link', async () => {
    for (const url of ['/', '/index.html', '/customers', '/settings/security', '/api-tokens']) {
      const response = await get(url, browserEncodings);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.headers.vary, url).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(response.rawPayload).equals(indexHtml), url).toBe(true);
    }
  });

  it('answers a revalidation of index.html with 304 while the build is the same', async () => {
    const first = await get('/customers', browserEncodings);
    const again = await keel.app.inject({
      method: 'GET',
      url: '/customers',
      headers: { 'accept-encoding': browserEncodings, 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('sends brotli when the browser accepts it, gzip when only that, the file itself otherwise', async () => {
    for (const asset of [entryScript, stylesheet]) {
      const original = fileOf(asset);
      const type = asset.endsWith('.js') ? /^application\/javascript|^text\/javascript/ : /^text\/css/;

      const br = await get(asset, browserEncodings);
      expect(br.headers['content-encoding'], asset).toBe('br');
      expect(br.headers['content-type'], asset).toMatch(type);
      expect(br.headers.vary, asset).toMatch(/accept-encoding/i);
      expect(br.rawPayload.length, asset).toBeLessThan(original.length);
      expect(brotliDecompressSync(br.rawPayload).equals(original), asset).toBe(true);

      const gzip = await get(asset, 'gzip, deflate');
      expect(gzip.headers['content-encoding'], asset).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).equals(original), asset).toBe(true);

      for (const encoding of [undefined, 'identity', 'zstd']) {
        const plain = await get(asset, encoding);
        expect(plain.headers['content-encoding'], `${asset} with ${encoding}`).toBeUndefined();
        expect(plain.headers['content-type'], asset).toMatch(type);
        expect(plain.headers.vary, asset).toMatch(/accept-encoding/i);
        expect(plain.rawPayload.equals(original), `${asset} with ${encoding}`).toBe(true);
      }
    }
  });

  it('serves the compressed copies only in place of their file, never under their own names', async () => {
    for (const suffix of ['.br', '.gz']) {
      const response = await get(`${entryScript}${suffix}`, browserEncodings);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers a built file that does not exist (a chunk of an older build) with 404, not the page', async () => {
    const response = await get('/assets/Gone-0ld8u1ld.js', browserEncodings);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
