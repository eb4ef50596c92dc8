import { type BackgroundWorker, coalescedWake } from '../background-worker.js';
import type { Signals } from '../context.js';
import type { Database } from '../db/database.js';
import { nginxLayout, nginxStateDir } from '../provisioning/drivers/nginx/layout.js';
import { loadAccountKey } from './acme-account.js';
import {
  claimDueCertificates,
  type DueCertificate,
  LEASE_MS,
  nextDueAt,
  recordFailed,
  recordIssued,
} from './certificate-claims.js';
import { type ChallengeAnswers, challengeFiles } from './challenge-answers.js';
import { type AcmeSettings, orderCertificate } from './order-certificate.js';
import { dropStaleChallenges, relayedChallenges } from './relayed-challenges.js';

export interface CertificateWorkerOptions {
  db: Database;
  signals: Signals;
  /** Seals each issued certificate's private key before it is stored. */
  panelKey: Buffer;
  log: { info(object: object, message: string): void; warn(object: object, message: string): void };
  dataDir: string;
  /** KEEL_ACME_DIRECTORY and KEEL_ACME_EMAIL. */
  directoryUrl: string;
  email: string | null;
  /** How often to look even when nothing signals (the reconciler's sweep). */
  intervalMs: number;
  now?: () => Date;
  /** Orders a certificate: the CA by default; tests may count the calls. */
  order?: typeof orderCertificate;
}

// Orders run one after another: a CA limits new orders per account, and they take seconds.
const BATCH = 10;

/**
 * Orders, renews and retries websites' certificates from the ACME CA: at start, every
 * `intervalMs`, when a request asks (`certificatesRequested`) and when the earliest due order
 * comes. Each outcome is written to the site; a new certificate reaches nginx via the reconciler
 * (an agent's nginx too: it receives the site's certificate and key with the rest of the site).
 */
export function certificateWorker(options: CertificateWorkerOptions): BackgroundWorker & {
  runNow(): Promise<void>;
} {
  const now = options.now ?? (() => new Date());
  const order = options.order ?? orderCertificate;
  let settings: AcmeSettings | undefined;
  let interval: NodeJS.Timeout | undefined;
  let dueTimer: NodeJS.Timeout | undefined;
  let stopped = true;

  /** The CA's settings, the account key made only when a first certificate is ordered. */
  async function acmeSettings(): Promise<AcmeSettings> {
    settings ??= {
      directoryUrl: options.directoryUrl,
      accountKey: await loadAccountKey(options.dataDir),
      email: options.email,
    };
    return settings;
  }

  /**
   * Where the CA finds the answer: the panel's own nginx for the local server's sites, as files;
   * another server's nginx through its agent, which reads it from the database.
   */
  const answersFor = (site: DueCertificate): ChallengeAnswers =>
    site.server.local
      ? challengeFiles(nginxLayout(nginxStateDir(options.dataDir)).challengeDir)
      : relayedChallenges({
          db: options.db,
          signals: options.signals,
          websiteId: site.id,
          serverName: site.server.name,
          now,
        });

  async function runOnce() {
    await dropStaleChallenges(options.db, options.signals, new Date(now().getTime() - LEASE_MS));
    for (;;) {
      const due = await claimDueCertificates(options.db, now(), BATCH);
      for (const site of due) {
        if (stopped) return;
        try {
          await recordIssued(
            options.db,
            site.id,
            await order(await acmeSettings(), site.domain, answersFor(site)),
            now(),
            options.panelKey,
          );
          options.log.info({ websiteId: site.id, domain: site.domain }, 'certificate issued');
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await recordFailed(options.db, site, message, now());
          options.log.warn(
            { websiteId: site.id, domain: site.domain, error: message },
            'certificate order failed',
          );
        }
      }
      if (due.length > 0) options.signals.emit('resourcesChanged');
      if (due.length < BATCH) break;
    }
    await scheduleNext();
  }

  async function scheduleNext() {
    if (dueTimer) clearTimeout(dueTimer);
    const at = await nextDueAt(options.db, now());
    if (!at || stopped) return;
    // setTimeout holds at most about 24.8 days; the periodic look covers anything later.
    const wait = Math.min(Math.max(at.getTime() - now().getTime(), 0), 2 ** 31 - 1);
    if (wait > options.intervalMs) return;
    dueTimer = setTimeout(onSignal, wait);
    dueTimer.unref();
  }

  const wake = coalescedWake(
    () =>
      runOnce().catch((error: unknown) =>
        options.log.warn({ err: error }, 'certificate worker could not look for due certificates'),
      ),
    () => stopped,
  );

  const onSignal = () => void wake();

  return {
    async start() {
      stopped = false;
      options.signals.on('certificatesRequested', onSignal);
      interval = setInterval(onSignal, options.intervalMs);
      interval.unref();
      void wake();
    },
    async stop() {
      stopped = true;
      options.signals.off('certificatesRequested', onSignal);
      if (interval) clearInterval(interval);
      if (dueTimer) clearTimeout(dueTimer);
      await wake();
    },
    /** Looks now and resolves when done (and any look it coalesced): for tests. */
    runNow: wake,
  };
}
