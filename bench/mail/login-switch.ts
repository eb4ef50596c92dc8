import { setTimeout as sleep } from 'node:timers/promises';
import { type LoginAttempt, prepareImapLogin } from './imap-login.js';

export interface ProbedMailbox {
  address: string;
  password: string;
}

/**
 * When a mailbox's login switched, in ms after the change was asked for: after `after`; the first
 * login with the new answer was sent at `sent`, and Dovecot had looked it up by `by` at the latest.
 */
export interface Switched {
  after: number;
  sent: number;
  by: number;
}

export interface SwitchProbe {
  imapPort: number;
  /** Whether the logins are to become accepted (reactivation) or refused (suspension). */
  accepted: boolean;
  /** When the change was asked for (performance.now()). */
  since: number;
  /**
   * An attempt still unanswered after this long is taken for a refusal sitting out Dovecot's
   * failure delay (2 s): the mailbox's next attempt starts without waiting for that answer.
   */
  refusalPresumedAfter: number;
  /** Pause after an answered attempt before the mailbox's next one. */
  pause: number;
  loopbackAddress: () => string;
}

/**
 * The latest moment Dovecot can have looked this LOGIN up. Its auth process verifies the argon2id
 * hashes of accepted logins one after another, so a LOGIN sent while accepted ones sent before it
 * were still unanswered may have waited behind them: the bound is the last of their answers. An
 * accepted LOGIN was also looked up before its own answer.
 */
function latestLookup(attempt: LoginAttempt, everyAttempt: LoginAttempt[]): number {
  let latest = attempt.sent;
  for (const other of everyAttempt)
    if (other.accepted && other.sent < attempt.sent && other.answered > latest) latest = other.answered;
  return attempt.accepted ? Math.min(latest, attempt.answered) : latest;
}

/**
 * Each mailbox logs in again and again until one login gives the wanted answer. Every login that
 * still gave the old answer was looked up after it was sent, so the switch came after the last
 * one's sending; the first with the new answer was looked up by `latestLookup`, so the switch
 * came by then. Both bounds, per mailbox, in ms after `since`.
 */
export async function probeSwitch(probe: SwitchProbe, mailboxes: ProbedMailbox[]): Promise<Switched[]> {
  const attempts: LoginAttempt[][] = mailboxes.map(() => []);
  const deadline = probe.since + 60_000;
  // Every attempt unanswered, of all mailboxes: Keel's Dovecot runs at most 100 imap-login
  // processes, and each mailbox also holds one connection ready.
  const inFlight = new Set<Promise<LoginAttempt>>();
  await Promise.all(
    mailboxes.map(async (mailbox, n) => {
      const own = attempts[n] as LoginAttempt[];
      const pending: Promise<LoginAttempt>[] = [];
      const unanswered = new Set<Promise<LoginAttempt>>();
      // The next attempt's connection is made while the current one waits for its answer.
      let next = prepareImapLogin(probe.imapPort, probe.loopbackAddress());
      while (!own.some((attempt) => attempt.accepted === probe.accepted)) {
        if (performance.now() > deadline)
          throw new Error(
            `${mailbox.address}: the login did not become ${probe.accepted ? 'accepted' : 'refused'} within 60 s`,
          );
        // Never more than two at once: when Dovecot verifies slowly, presumed refusals are not.
        if (unanswered.size >= 2 || inFlight.size >= 45) {
          await Promise.race(unanswered.size >= 2 ? unanswered : inFlight);
          continue;
        }
        const session = await next;
        next = prepareImapLogin(probe.imapPort, probe.loopbackAddress());
        const attempt = session.login(mailbox.address, mailbox.password);
        const recorded = attempt.then((answered) => {
          own.push(answered);
          unanswered.delete(recorded);
          inFlight.delete(recorded);
          return answered;
        });
        pending.push(recorded);
        unanswered.add(recorded);
        inFlight.add(recorded);
        const answered = await Promise.race([recorded, sleep(probe.refusalPresumedAfter, null)]);
        if (answered) await sleep(probe.pause);
      }
      (await next).close();
      // The answers still coming bound the other mailboxes' lookups (latestLookup).
      await Promise.all(pending);
    }),
  );
  const everyAttempt = attempts.flat();
  return attempts.map((own) => {
    const switched = own.filter((attempt) => attempt.accepted === probe.accepted);
    const before = own.filter((attempt) => attempt.accepted !== probe.accepted);
    return {
      after: Math.max(probe.since, ...before.map((attempt) => attempt.sent)) - probe.since,
      sent: Math.min(...switched.map((attempt) => attempt.sent)) - probe.since,
      by: Math.min(...switched.map((attempt) => latestLookup(attempt, everyAttempt))) - probe.since,
    };
  });
}
