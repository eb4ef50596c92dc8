/** RFC 9457 problem details. Use cases throw these; the error handler renders them. */
export interface FieldError {
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

/** The RFC 9457 body of a problem, as every error of the API carries it. */
export const problemDocument = (problem: Problem) => ({
  type: problem.type,
  title: problem.title,
  status: problem.status,
  detail: problem.detail,
  ...(problem.errors ? { errors: problem.errors } : {}),
});

export const problemType = (slug: string) => `/api/problems/${slug}`;

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new Problem(400, problemType('bad-request'), 'Bad request', detail, errors);

export const unauthenticated = (detail = 'Sign in first.') =>
  new Problem(401, problemType('unauthenticated'), 'Not authenticated', detail);

export const invalidCredentials = () =>
  new Problem(401, problemType('invalid-credentials'), 'Invalid credentials', 'Email or password is wrong.');

export const forbidden = (detail = 'You are not allowed to do this.') =>
  new Problem(403, problemType('forbidden'), 'Forbidden', detail);

export const accountSuspended = () =>
  new Problem(
    403,
    problemType('account-suspended'),
    'Account suspended',
    'This account is suspended. Contact your provider.',
  );

export const accountDeleted = () =>
  new Problem(403, problemType('account-deleted'), 'Account deleted', 'This account has been deleted.');

export const passwordChangeRequired = () =>
  new Problem(
    403,
    problemType('password-change-required'),
    'Password change required',
    'Your password was set by your provider: choose your own (POST /api/v1/customers/{id}/password with currentPassword) before anything else.',
  );

export const twoFactorSetupRequired = () =>
  new Problem(
    403,
    problemType('two-factor-setup-required'),
    'Two-factor sign-in required',
    'Your role must sign in with a second factor: set it up (POST /api/v1/auth/2fa/setup, then /auth/2fa/enable) before anything else.',
  );

export const invalidSecondFactor = () =>
  new Problem(
    401,
    problemType('invalid-two-factor-code'),
    'Invalid two-factor code',
    'The code is wrong, expired or already used.',
  );

export const notFound = (what = 'Resource') =>
  new Problem(404, problemType('not-found'), 'Not found', `${what} not found.`);

export const conflict = (detail: string, slug = 'conflict') =>
  new Problem(409, problemType(slug), 'Conflict', detail);

export const unprocessable = (detail: string, errors?: FieldError[], slug = 'rule-violation') =>
  new Problem(422, problemType(slug), 'Unprocessable request', detail, errors);

export const tooManyRequests = (retryAfterSeconds: number) =>
  new Problem(
    429,
    problemType('rate-limited'),
    'Too many requests',
    `Too many attempts. Try again in ${retryAfterSeconds} seconds.`,
    undefined,
    { 'retry-after': String(retryAfterSeconds) },
  );
