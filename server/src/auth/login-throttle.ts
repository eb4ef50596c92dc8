/**
 * Login throttling per account and per client address. A few failures are free; after that each
 * further failure doubles the wait, capped, so an attacker slows guessing without locking the
 * real user out for long. Kept in memory: each server process throttles what it sees.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  windowMs: number;
  maxDelayMs: number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
}

const maxEntries = 100_000;

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policy: ThrottlePolicy) {}

  /** Milliseconds the key must still wait before its next attempt; 0 when it may try now. */
  waitFor(key: string, now: number): number {
    const entry = this.current(key, now);
    if (!entry || entry.failures < this.policy.freeFailures) return 0;
    const delay = Math.min(this.policy.maxDelayMs, 1000 * 2 ** (entry.failures - this.policy.freeFailures));
    return Math.max(0, entry.lastFailureAt + delay - now);
  }

  fail(key: string, now: number): void {
    const entry = this.current(key, now) ?? { failures: 0, lastFailureAt: now };
    entry.failures += 1;
    entry.lastFailureAt = now;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailureAt > this.policy.windowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

export interface LoginThrottles {
  /** One account guessed from one address: strict, up to 15 minutes. */
  accountFromAddress: LoginThrottle;
  /**
   * One account guessed from anywhere: more free failures and at most a minute's wait, so guessing
   * spread over many addresses stays slow while the real user, elsewhere, is never shut out long.
   */
  account: LoginThrottle;
  /** One address trying many accounts (password spraying). */
  address: LoginThrottle;
}

export const createLoginThrottles = (): LoginThrottles => ({
  accountFromAddress: new LoginThrottle({ freeFailures: 5, windowMs: 15 * 60_000, maxDelayMs: 15 * 60_000 }),
  account: new LoginThrottle({ freeFailures: 20, windowMs: 15 * 60_000, maxDelayMs: 60_000 }),
  address: new LoginThrottle({ freeFailures: 20, windowMs: 15 * 60_000, maxDelayMs: 15 * 60_000 }),
});

/** What one login attempt for `email` from `address` counts against. */
export function loginAttempt(throttles: LoginThrottles, email: string, address: string) {
  const counted: [LoginThrottle, string][] = [
    [throttles.accountFromAddress, `${email} ${address}`],
    [throttles.account, email],
    [throttles.address, address],
  ];
  return {
    /** Milliseconds until this attempt may be tried; 0 when it may be tried now. */
    waitFor: (now: number) => Math.max(...counted.map(([throttle, key]) => throttle.waitFor(key, now))),
    failed(now: number) {
      for (const [throttle, key] of counted) throttle.fail(key, now);
    },
    /** The account's counts start over; the address's do not, or one owned account would reset a sprayer. */
    succeeded() {
      throttles.accountFromAddress.succeed(`${email} ${address}`);
      throttles.account.succeed(email);
    },
  };
}
