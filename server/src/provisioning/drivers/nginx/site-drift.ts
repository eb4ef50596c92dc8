import path from 'node:path';
import { isUuid } from '../../../contract/ids.js';
import { readIfExists } from '../files/atomic-file.js';
import { siteDocumentRoot } from '../files/customer-homes.js';
import { foreignFilesOf } from '../files/foreign-files.js';
import type { Drift, DriftCheck, DriftReport } from '../types.js';
import { type NginxLayout, siteFile } from './layout.js';
import { renderSite } from './render.js';
import type { WebsiteDesired } from './website-driver.js';

/** Where vhost files Keel did not write go: beside conf/sites/, never included by nginx. */
const foreignSitesDir = (layout: NginxLayout) => path.join(path.dirname(layout.sitesDir), 'sites-foreign');

/**
 * Compares each applied site's vhost with what renderSite writes for it now, and finds what else
 * is in conf/sites/: nginx includes every *.conf there, so a file Keel did not write could serve
 * any domain, or shadow a customer's.
 */
export async function siteDrift(
  layout: NginxLayout,
  homesRoot: string,
  check: DriftCheck<WebsiteDesired>,
): Promise<DriftReport> {
  const drifted: Drift[] = [];
  for (const website of check.applied) {
    const difference = await vhostDifference(layout, homesRoot, website);
    if (difference) drifted.push({ id: website.id, differences: [difference] });
  }
  const isKeels = (name: string) => {
    const id = name.endsWith('.conf') ? name.slice(0, -'.conf'.length) : '';
    return isUuid(id) && check.known.has(id);
  };
  const foreign = await foreignFilesOf(layout.sitesDir, isKeels, {
    setAside: check.setAside,
    aside: foreignSitesDir(layout),
  });
  return { drifted, foreign };
}

async function vhostDifference(
  layout: NginxLayout,
  homesRoot: string,
  website: WebsiteDesired,
): Promise<string | undefined> {
  if (website.state === 'absent') return undefined;
  let expected: string;
  try {
    const documentRoot = siteDocumentRoot(homesRoot, website.customerId, website.id);
    expected = renderSite(layout, { ...website, state: website.state, documentRoot });
  } catch (error) {
    // Applying it again fails the same way, which then shows as the site's provisioning error.
    return `its vhost cannot be written: ${(error as Error).message}`;
  }
  const actual = await readIfExists(siteFile(layout, website.id));
  if (actual === undefined) return 'vhost file missing';
  return actual === expected ? undefined : 'vhost file differs from what Keel writes';
}
