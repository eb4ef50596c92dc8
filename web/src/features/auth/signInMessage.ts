import { ApiProblem, describeFailure } from '../../api/problem.js';

/** What to tell someone whose sign-in was refused, by the problem the API returned. */
export function signInMessage(failure: unknown): string {
  if (!(failure instanceof ApiProblem)) return describeFailure(failure);
  if (failure.is('invalid-two-factor-code')) return 'That code is wrong, expired or already used.';
  if (failure.status === 401) return 'Wrong email or password.';
  if (failure.is('account-suspended'))
    return 'This account is suspended. Please contact your hosting provider.';
  if (failure.is('account-deleted'))
    return 'This account has been deleted. Please contact your hosting provider.';
  if (failure.status === 429) {
    const wait = failure.retryAfterSeconds;
    return wait
      ? `Too many sign-in attempts. Try again in ${wait} seconds.`
      : 'Too many sign-in attempts. Try again later.';
  }
  return describeFailure(failure);
}
