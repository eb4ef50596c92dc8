export type FieldError = { field: string; message: string };

type ProblemBody = {
  type?: string;
  title?: string;
  detail?: string;
  errors?: FieldError[];
};

/** An RFC 9457 problem document returned by the API, as a throwable error. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly errors: FieldError[];
  readonly retryAfterSeconds: number | null;

  constructor(status: number, body: ProblemBody, retryAfter: string | null) {
    super(body.detail || body.title || `Request failed (${status})`);
    this.status = status;
    this.type = body.type ?? 'about:blank';
    this.errors = Array.isArray(body.errors) ? body.errors : [];
    const seconds = retryAfter === null ? Number.NaN : Number.parseInt(retryAfter, 10);
    this.retryAfterSeconds = Number.isFinite(seconds) ? seconds : null;
  }

  /** True when the problem type names this kind, e.g. `account-suspended`. */
  is(kind: string): boolean {
    return this.type.endsWith(kind);
  }

  /** Field messages keyed by field name (last path segment), for form inputs. */
  fieldMessages(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, message } of this.errors) {
      const name = field.split(/[./]/).filter(Boolean).pop() ?? field;
      byField[name] = byField[name] ? `${byField[name]}; ${message}` : message;
    }
    return byField;
  }
}

type ClientResult<D> = { data?: D; error?: unknown; response: Response };

/** Resolves an openapi-fetch call to its data, or throws the API's problem. */
export async function unwrap<D>(call: Promise<ClientResult<D>>): Promise<D> {
  const { data, error, response } = await call;
  if (response.ok) return data as D;
  const body = typeof error === 'object' && error !== null ? (error as ProblemBody) : {};
  throw new ApiProblem(response.status, body, response.headers.get('retry-after'));
}

/** A readable message for any failure, listing field reasons when there are some. */
export function describeFailure(failure: unknown): string {
  if (failure instanceof ApiProblem) {
    const reasons = failure.errors.map((e) => e.message);
    return reasons.length > 0 ? `${failure.message}: ${reasons.join('; ')}` : failure.message;
  }
  return failure instanceof Error ? failure.message : 'Something went wrong';
}
