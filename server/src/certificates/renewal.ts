const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When to order a certificate again: 30 days before it expires, but never in its first half
 * (a short-lived certificate would otherwise be renewed at once, again and again).
 */
export function renewalAt(notBefore: Date, expiresAt: Date): Date {
  const thirtyDaysBefore = expiresAt.getTime() - 30 * DAY_MS;
  const halfway = notBefore.getTime() + (expiresAt.getTime() - notBefore.getTime()) / 2;
  return new Date(Math.max(thirtyDaysBefore, halfway));
}

/**
 * The wait after the n-th failed order in a row: 1 minute, then four times longer each time, at
 * most a day. A CA limits failed validations per hour (Let's Encrypt: 5 per name and account).
 */
export function retryDelayMs(failures: number): number {
  return Math.min(60_000 * 4 ** Math.max(0, failures - 1), DAY_MS);
}
