import path from 'node:path';
import { isUuid } from '../../../contract/ids.js';
import { readIfExists } from '../files/atomic-file.js';
import { siteDocumentRoot } from '../files/customer-homes.js';
import { foreignFilesOf } from '../files/foreign-files.js';
import type { Drift, DriftCheck, DriftReport } from '../types.js';
import { type NginxLayout, siteFile } from './layout.js';
import { renderSite } from './render.js';
import { probeSite } from './site-probe.js';
import { servedOrNot, servedTls, type WebsiteDesired } from './website-driver.js';

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
  servesTls: boolean,
  phpSocketOf: (website: WebsiteDesired) => string | undefined,
): Promise<DriftReport> {
  const drifted: Drift[] = [];
  for (const website of check.applied) {
    const difference = await vhostDifference(layout, homesRoot, website, servesTls, phpSocketOf);
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

// As many sites asked at once as a batch's own check asks.
const PROBES_AT_ONCE = 16;

/**
 * What nginx answers for each site whose vhost is as Keel wrote it: a right file can still serve
 * wrongly (a document root nginx's workers cannot read). Each wrong answer is a difference.
 */
export async function effectDrift(
  address: { host: string; port: number },
  sites: readonly WebsiteDesired[],
): Promise<Pick<DriftReport, 'drifted' | 'unchecked'>> {
  const served = sites.filter(
    (site): site is WebsiteDesired & { state: 'live' | 'suspended' } => site.state !== 'absent',
  );
  const [first] = served;
  if (!first) return { drifted: [] };
  // One site first: when nginx does not answer at all (Keel stopped), asking every other site
  // would only wait out a deadline per batch to say the same thing.
  const firstProblem = await probeSite(
    address,
    { domain: first.domain, state: first.state },
    EFFECT_DEADLINE_MS,
  );
  if (firstProblem?.includes('nginx did not answer')) {
    return { drifted: [], unchecked: [`what the websites answer: ${firstProblem}`] };
  }
  const drifted: Drift[] = firstProblem ? [{ id: first.id, differences: [firstProblem] }] : [];
  for (let start = 1; start < served.length; start += PROBES_AT_ONCE) {
    const answers = await Promise.all(
      served.slice(start, start + PROBES_AT_ONCE).map(async (site) => ({
        id: site.id,
        problem: await probeSite(address, { domain: site.domain, state: site.state }, EFFECT_DEADLINE_MS),
      })),
    );
    for (const { id, problem } of answers) if (problem) drifted.push({ id, differences: [problem] });
  }
  return { drifted };
}

// Nothing is being reloaded while doctor asks: an answer that is not final by then never will be.
const EFFECT_DEADLINE_MS = 1000;

async function vhostDifference(
  layout: NginxLayout,
  homesRoot: string,
  website: WebsiteDesired,
  servesTls: boolean,
  phpSocketOf: (website: WebsiteDesired) => string | undefined,
): Promise<string | undefined> {
  if (website.state === 'absent') return undefined;
  let expected: string;
  try {
    const documentRoot = siteDocumentRoot(homesRoot, website.customerId, website.id);
    const tls = servedTls(website, servesTls);
    const phpSocket = phpSocketOf(website);
    expected = renderSite(layout, {
      ...website,
      state: servedOrNot(website.state),
      documentRoot,
      tls,
      phpSocket,
    });
  } catch (error) {
    // Applying it again fails the same way, which then shows as the site's provisioning error.
    return `its vhost cannot be written: ${(error as Error).message}`;
  }
  const actual = await readIfExists(siteFile(layout, website.id));
  if (actual === undefined) return 'vhost file missing';
  return actual === expected ? undefined : 'vhost file differs from what Keel writes';
}
