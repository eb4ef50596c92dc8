import { type CustomerHomes, siteDocumentRoot } from '../files/customer-homes.js';
import { settleInGroups } from '../in-groups.js';
import type { CustomerPhp, PhpPools } from '../php-fpm/php-pools.js';
import {
  type ApplyResult,
  type DesiredState,
  type DriftCheck,
  type DriftReport,
  failure,
  type HeldResource,
  type InventoryItem,
  type ResourceDriver,
} from '../types.js';
import { leftoverTempFiles } from './leftovers.js';
import type { SiteDesired } from './render.js';
import { confFiles } from './set-aside.js';
import { effectDrift, siteDrift } from './site-drift.js';
import { probeSite } from './site-probe.js';
import type { NginxSupervisor } from './supervisor.js';
import {
  certificateFingerprint,
  putSiteCertificate,
  type SiteCertificate,
  sitesWithCertificateFiles,
} from './tls-files.js';

export interface WebsiteDesired {
  id: string;
  customerId: string;
  /** Already normalized by names.normalizeDomain. Unused when state is absent. */
  domain: string;
  /** The customer's system uid, owner of its home and files; Keel's own user when not given. */
  uid?: number;
  state: DesiredState;
  /** Its certificate and whether HTTP redirects to HTTPS; absent without a certificate. */
  tls?: SiteCertificate & { redirectHttp: boolean };
  /** The PHP version the site runs, if it runs PHP: its vhost passes *.php to its customer's pool. */
  php?: string | null;
  /** The PHP versions its customer's pools run now, from all of its sites: none while nothing of it may run. */
  customerPhp?: readonly string[];
}

/** What one customer's pools should be, read from any of its sites (they all carry it). */
function customerPhpOf(websites: readonly WebsiteDesired[]): CustomerPhp[] {
  const [first] = websites;
  if (!first) return [];
  return [{ customerId: first.customerId, uid: first.uid, versions: first.customerPhp ?? [] }];
}

/**
 * The sites worth asking after a batch: every live one (each has its own document root that
 * nginx's workers must read), and of the suspended ones a spread of at most SUSPENDED_SAMPLE.
 * A suspended vhost is the same template around another name and needs no file of the site, so
 * once nginx took the batch they answer alike; asking all of a bulk suspension's thousands took
 * the CPU the reload needed. `keel doctor` still asks every site.
 */
function suspendedSample<Due extends { website: WebsiteDesired }>(due: readonly Due[]): Due[] {
  const suspended = due.filter(({ website }) => website.state !== 'live');
  const step = Math.max(1, Math.ceil(suspended.length / SUSPENDED_SAMPLE));
  const sampled = new Set(suspended.filter((_, index) => index % step === 0));
  return due.filter((item) => item.website.state === 'live' || sampled.has(item));
}

const SUSPENDED_SAMPLE = 50;

/** Only live sites are served; any other state a kind could give (held) is not. */
export const servedOrNot = (state: DesiredState) => (state === 'live' ? 'live' : 'suspended');

/** What the vhost says of HTTPS: nothing without a certificate, or when nginx serves no HTTPS. */
export const servedTls = (website: WebsiteDesired, servesTls: boolean) =>
  website.tls && servesTls
    ? { redirectHttp: website.tls.redirectHttp, fingerprint: certificateFingerprint(website.tls) }
    : undefined;

export interface WebsiteDriver extends ResourceDriver<WebsiteDesired> {
  /** Purge: removes a customer's home directory and everything in it; already gone is success. */
  removeHome(customerId: string): Promise<void>;
}

/**
 * Websites = a document root in the customer's home + a vhost in Keel's nginx. A live site gets
 * both; a suspended one only its 503 vhost (its files stay as they are); an absent site loses its
 * vhost first, so nginx never serves a directory that is being deleted, then its files.
 */
export class NginxWebsiteDriver implements WebsiteDriver {
  /**
   * Each batch costs one `nginx -t` over every vhost and one reload, whatever its size, while
   * writing a vhost takes about a millisecond: a bulk suspension of 1000 customers with 5 sites
   * each fits in few batches (bench:bulk), each well inside the claim's lease.
   */
  readonly batchSize = 5000;

  constructor(
    /** Keel's nginx, for status and the benchmark's reload count. */
    readonly nginx: NginxSupervisor,
    private readonly homes: CustomerHomes,
    /** Keel's php-fpm masters; null when no PHP is installed (or only inspecting). */
    readonly php: PhpPools | null = null,
  ) {}

  async apply(batch: readonly WebsiteDesired[]): Promise<ApplyResult[]> {
    const early = new Map<string, ApplyResult>();
    const prepared = new Map<string, SiteDesired>();
    // One customer's sites in turn (they share its home), customers side by side: a bulk
    // reactivation prepares thousands of document roots.
    const byCustomer = new Map<string, WebsiteDesired[]>();
    for (const website of batch) {
      const ofCustomer = byCustomer.get(website.customerId);
      if (ofCustomer) ofCustomer.push(website);
      else byCustomer.set(website.customerId, [website]);
    }
    await settleInGroups([...byCustomer.values()], 16, async (websites) => {
      for (const website of websites) {
        try {
          prepared.set(website.id, await this.siteOf(website));
        } catch (error) {
          early.set(website.id, failure(website.id, error));
        }
      }
    });
    // Pools before vhosts: a suspension stops the customer's PHP before its pages say so, and a
    // new PHP site's pool listens before nginx passes requests to it.
    const poolErrors = await this.applyPools(byCustomer);
    const sites = batch.flatMap((website) => prepared.get(website.id) ?? []);
    const served = new Map((await this.nginx.applySites(sites)).map((result) => [result.id, result]));
    const results: ApplyResult[] = [];
    for (const website of batch) {
      const poolError = poolErrors.get(website.customerId);
      const result =
        early.get(website.id) ??
        (poolError === undefined ? undefined : failure(website.id, `PHP: ${poolError}`)) ??
        served.get(website.id) ??
        failure(website.id, 'not applied');
      results.push(website.state === 'absent' && result.ok ? await this.removeFiles(website) : result);
    }
    await this.removeWithdrawnCertificates(batch, results);
    return this.checkThroughNginx(batch, results);
  }

  /** The vhost a website needs; a live one gets its document root first. */
  private async siteOf(website: WebsiteDesired): Promise<SiteDesired> {
    if (website.state === 'absent') return { id: website.id, state: 'absent' };
    // A suspension must take effect even if the files cannot be touched, and needs none of them.
    const documentRoot =
      website.state === 'live'
        ? await this.homes.ensureSiteRoot(website.customerId, website.id, website.domain, website.uid)
        : siteDocumentRoot(this.homes.homesRoot, website.customerId, website.id);
    const tls = servedTls(website, this.nginx.nginx.tls !== null);
    // In place before the vhost that names them; a certificate withdrawn goes after it (removeFiles).
    if (tls) await putSiteCertificate(this.nginx.layout, website.id, website.tls);
    return {
      id: website.id,
      state: servedOrNot(website.state),
      domain: website.domain,
      documentRoot,
      tls,
      phpSocket: this.phpSocketOf(website),
    };
  }

  /** The pool socket a live PHP site's vhost passes to; throws when its PHP cannot run here. */
  phpSocketOf(website: WebsiteDesired): string | undefined {
    if (website.state !== 'live' || !website.php) return undefined;
    if (!this.php) throw new Error('PHP is not installed on this server (apt-get install php-fpm)');
    return this.php.socketOf(website.php, website.customerId);
  }

  /** Each customer's pools as its sites now need them; an error by customer id for those that failed. */
  private async applyPools(byCustomer: Map<string, WebsiteDesired[]>): Promise<Map<string, string>> {
    const customers = [...byCustomer.values()].flatMap((websites) => customerPhpOf(websites));
    if (this.php) return this.php.apply(customers);
    const refused = 'PHP is not installed on this server (apt-get install php-fpm)';
    return new Map(
      customers.filter((customer) => customer.versions.length > 0).map((c) => [c.customerId, refused]),
    );
  }

  takeHeld(): HeldResource[] {
    return this.nginx.takeHeldSites();
  }

  removeHome(customerId: string): Promise<void> {
    return this.homes.removeHome(customerId);
  }

  async inventory(): Promise<InventoryItem[]> {
    const vhosts = (await this.nginx.listSiteIds()).map((name): InventoryItem => ({ kind: 'vhost', name }));
    const homes = (await this.homes.listHomes()).map((name): InventoryItem => ({ kind: 'home', name }));
    const held = (await confFiles(this.nginx.layout.sitesHeldDir)).map(
      (file): InventoryItem => ({ kind: 'vhost-held', name: file.slice(0, -'.conf'.length) }),
    );
    const temps = (await leftoverTempFiles(this.nginx.layout)).map(
      (name): InventoryItem => ({ kind: 'vhost-temp', name }),
    );
    return [...vhosts, ...homes, ...held, ...temps];
  }

  /**
   * A vhost nginx accepted is not yet a site that works: every live site the batch applied is
   * asked for through nginx, and one whose answer is wrong gets the reason as its error instead
   * of being `ready`. A few at a time, so a large batch does not flood nginx.
   */
  private async checkThroughNginx(batch: readonly WebsiteDesired[], results: ApplyResult[]) {
    const checked = [...results];
    const due = batch.flatMap((website, index) =>
      website.state !== 'absent' && results[index]?.ok ? [{ website, index }] : [],
    );
    const probe = async ({ website, index }: (typeof due)[number]) => {
      const state = website.state === 'live' ? 'live' : 'suspended';
      const problem = await probeSite(this.nginx.localAddress, { domain: website.domain, state });
      if (problem !== undefined) checked[index] = failure(website.id, problem);
    };
    // The first site alone, until nginx answers with the new configuration: the reload has reached
    // every worker, but an nginx restarting meanwhile still parses thousands of vhosts, and asking
    // the others then would only take its CPU.
    const [first, ...others] = due;
    if (first) await probe(first);
    await settleInGroups(suspendedSample(others), 16, probe);
    return checked;
  }

  /** Vhosts that differ from what Keel writes, and files in conf/sites/ it did not write. */
  async drift(check: DriftCheck<WebsiteDesired>): Promise<DriftReport> {
    let report: DriftReport = { drifted: [], foreign: [] };
    await this.nginx.changeFiles(async () => {
      report = await siteDrift(
        this.nginx.layout,
        this.homes.homesRoot,
        check,
        this.nginx.nginx.tls !== null,
        (site) => this.phpSocketOf(site),
      );
      // nginx may have loaded a foreign vhost already: only a reload lets go of it.
      return report.foreign.some((file) => file.movedTo !== undefined);
    });
    if (this.php) report = await this.poolDrift(report, check);
    if (!check.effects) return report;
    const fileDiffers = new Set(report.drifted.map((drift) => drift.id));
    const effects = await effectDrift(
      this.nginx.localAddress,
      check.applied.filter((website) => !fileDiffers.has(website.id)),
    );
    return { ...report, drifted: [...report.drifted, ...effects.drifted], unchecked: effects.unchecked };
  }

  /** Certificates no vhost of the batch names any more (HTTPS switched off): removed after the reload. */
  private async removeWithdrawnCertificates(batch: readonly WebsiteDesired[], results: ApplyResult[]) {
    const servesTls = this.nginx.nginx.tls !== null;
    const onDisk = await sitesWithCertificateFiles(this.nginx.layout);
    const withdrawn = batch.filter(
      (website, index) =>
        onDisk.has(website.id) &&
        website.state !== 'absent' &&
        results[index]?.ok &&
        !servedTls(website, servesTls),
    );
    await settleInGroups(withdrawn, 64, (website) =>
      putSiteCertificate(this.nginx.layout, website.id, undefined),
    );
  }

  /** Pools edited, removed or added by hand show as a drift of one of their customer's sites. */
  private async poolDrift(report: DriftReport, check: DriftCheck<WebsiteDesired>): Promise<DriftReport> {
    const byCustomer = new Map<string, WebsiteDesired[]>();
    for (const website of check.applied) {
      byCustomer.set(website.customerId, [...(byCustomer.get(website.customerId) ?? []), website]);
    }
    const customers = [...byCustomer.values()].flatMap((websites) => customerPhpOf(websites));
    const pools = await (this.php as PhpPools).drift(customers, check.setAside);
    const drifted = pools.drifted.flatMap(({ customerId, differences }) => {
      const website = byCustomer.get(customerId)?.[0];
      return website ? [{ id: website.id, differences }] : [];
    });
    return {
      ...report,
      drifted: [...report.drifted, ...drifted],
      foreign: [...report.foreign, ...pools.foreign],
    };
  }

  private async removeFiles(website: WebsiteDesired): Promise<ApplyResult> {
    try {
      await putSiteCertificate(this.nginx.layout, website.id, undefined);
      await this.homes.removeSite(website.customerId, website.id);
      return { id: website.id, ok: true };
    } catch (error) {
      return failure(website.id, error);
    }
  }
}
