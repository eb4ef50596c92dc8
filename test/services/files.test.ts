import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerHomes,
  homeDirectory,
  siteDirectory,
  siteDocumentRoot,
} from '../../server/src/provisioning/drivers/files/customer-homes.js';
import { defaultIndexPage, escapeHtml } from '../../server/src/provisioning/drivers/files/default-index.js';
import { newId, sharedTempDir } from './helpers.js';

describe('customer home directories (real filesystem)', () => {
  let dir: string;
  let homes: CustomerHomes;

  beforeAll(async () => {
    dir = await sharedTempDir('files');
    homes = new CustomerHomes(path.join(dir, 'homes'));
    await homes.prepare();
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates a document root with a default index page nginx workers can read', async () => {
    const customerId = newId();
    const websiteId = newId();
    const documentRoot = await homes.ensureSiteRoot(customerId, websiteId, 'xn--bcher-kva.de');
    expect(documentRoot).toBe(path.join(homes.homesRoot, customerId, 'sites', websiteId, 'public'));
    const index = await readFile(path.join(documentRoot, 'index.html'), 'utf8');
    expect(index).toContain('<title>bücher.de</title>');
    expect((await stat(path.join(documentRoot, 'index.html'))).mode & 0o777).toBe(0o644);
    for (const level of [homes.homesRoot, homeDirectory(homes.homesRoot, customerId), documentRoot]) {
      expect((await stat(level)).mode & 0o777).toBe(0o755);
    }
    expect(await readdir(documentRoot)).toEqual(['index.html']);
  });

  it("keeps the customer's own index page when the site is ensured again", async () => {
    const customerId = newId();
    const websiteId = newId();
    const documentRoot = await homes.ensureSiteRoot(customerId, websiteId, 'example.test');
    await writeFile(path.join(documentRoot, 'index.html'), 'my own page');
    await homes.ensureSiteRoot(customerId, websiteId, 'example.test');
    expect(await readFile(path.join(documentRoot, 'index.html'), 'utf8')).toBe('my own page');
  });

  it('escapes the domain in the default page', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(defaultIndexPage('<script>.test')).not.toContain('<script>');
  });

  it('derives every path from ids and refuses anything that could leave the homes root', async () => {
    const root = homes.homesRoot;
    const customerId = newId();
    for (const bad of ['..', '../etc', '/etc', 'a/../../b', '', 'not-a-uuid', `${customerId}/..`]) {
      expect(() => homeDirectory(root, bad)).toThrow(/invalid customer id/);
      expect(() => siteDirectory(root, customerId, bad)).toThrow(/invalid website id/);
      await expect(homes.ensureSiteRoot(bad, newId(), 'example.test')).rejects.toThrow(/invalid/);
      await expect(homes.removeHome(bad)).rejects.toThrow(/invalid/);
      await expect(homes.removeSite(customerId, bad)).rejects.toThrow(/invalid/);
    }
    expect(siteDocumentRoot(root, customerId, customerId).startsWith(`${root}/`)).toBe(true);
  });

  it('does not follow a symlink planted inside a home', async () => {
    const customerId = newId();
    const websiteId = newId();
    const outside = await mkdtemp(path.join(tmpdir(), 'keel-outside-'));
    await mkdir(path.join(homeDirectory(homes.homesRoot, customerId), 'sites'), { recursive: true });
    await symlink(outside, siteDirectory(homes.homesRoot, customerId, websiteId));
    await expect(homes.ensureSiteRoot(customerId, websiteId, 'example.test')).rejects.toThrow(
      /not a plain directory/,
    );
    expect(await readdir(outside)).toEqual([]);
    await writeFile(path.join(outside, 'keep.txt'), 'still here');
    await homes.removeSite(customerId, websiteId);
    expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe('still here');
    await rm(outside, { recursive: true });
  });

  it('removes a site and a whole home; removing again succeeds', async () => {
    const customerId = newId();
    const kept = newId();
    const removed = newId();
    await homes.ensureSiteRoot(customerId, kept, 'kept.example.test');
    await homes.ensureSiteRoot(customerId, removed, 'removed.example.test');
    await homes.removeSite(customerId, removed);
    await homes.removeSite(customerId, removed);
    expect(await homes.listSites(customerId)).toEqual([kept]);
    expect(await homes.listHomes()).toContain(customerId);
    await homes.removeHome(customerId);
    await homes.removeHome(customerId);
    expect(await homes.listHomes()).not.toContain(customerId);
    await expect(stat(homeDirectory(homes.homesRoot, customerId))).rejects.toThrow(/ENOENT/);
  });

  it.runIf(process.getuid?.() === 0)('refuses a homes root nginx workers could not reach', async () => {
    const hidden = await mkdtemp(path.join(tmpdir(), 'keel-hidden-'));
    await expect(new CustomerHomes(path.join(hidden, 'homes')).prepare()).rejects.toThrow(/not searchable/);
    await rm(hidden, { recursive: true });
  });
});
