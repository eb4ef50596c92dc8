import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldError, notFound, Problem, problemDocument } from '../../errors/problem.js';

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const extra = issue.params.missingProperty ?? issue.params.additionalProperty;
  const field = [path, typeof extra === 'string' ? extra : ''].filter(Boolean).join('.');
  return field || context || 'body';
}

function messageOf(issue: ValidationIssue): string {
  if (issue.keyword === 'additionalProperties') return 'is not a field you can set here';
  if (issue.keyword === 'required') return 'is required';
  return issue.message ?? 'is invalid';
}

/** The PostgreSQL error code, which Drizzle may wrap in `cause`. */
function postgresCode(error: unknown): unknown {
  for (
    let current = error;
    current && typeof current === 'object';
    current = (current as { cause?: unknown }).cause
  ) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

const fromPostgres = (code: unknown) => {
  // A unique index caught a race that the use case's own check could not see.
  if (code === '23505') return new Problem(409, '/api/problems/conflict', 'Conflict', 'It already exists.');
  // Values a schema let through but PostgreSQL rejects (out-of-range numbers and dates, bad text
  // encoding).
  if (code === '22003' || code === '22007' || code === '22008' || code === '22P02' || code === '22021') {
    return new Problem(
      400,
      '/api/problems/bad-request',
      'Bad request',
      'A value is out of range or malformed.',
    );
  }
  return null;
};

function toProblem(error: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }) {
  if (error instanceof Problem) return error;
  // Path parameters are ids: one that cannot exist is simply not found.
  if (error.validation && error.validationContext === 'params') return notFound();
  if (error.validation) {
    const errors: FieldError[] = error.validation.map((issue) => ({
      field: fieldOf(issue, error.validationContext),
      message: messageOf(issue),
    }));
    return new Problem(
      400,
      '/api/problems/validation',
      'Invalid request',
      'Some fields are invalid.',
      errors,
    );
  }
  const database = fromPostgres(postgresCode(error));
  if (database) return database;
  const status = error.statusCode ?? 500;
  if (status === 413)
    return new Problem(413, '/api/problems/too-large', 'Payload too large', 'The body is over 1 MiB.');
  if (status >= 400 && status < 500) {
    return new Problem(status, '/api/problems/bad-request', 'Bad request', error.message);
  }
  return null;
}

/** Every error leaves as an RFC 9457 problem document, and none reveals a stack trace. */
async function problems(app: FastifyInstance) {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const refusal = toProblem(error);
    const problem = refusal && (await app.pathObjectsFirst(request, refusal));
    if (!problem) {
      request.log.error({ err: error }, 'unhandled error');
      return reply
        .code(500)
        .type('application/problem+json')
        .send({ type: 'about:blank', title: 'Internal error', status: 500, detail: 'Something went wrong.' });
    }
    return reply
      .code(problem.status)
      .headers(problem.headers)
      .type('application/problem+json')
      .send(problemDocument(problem));
  });
}

export const problemsPlugin = fp(problems, { name: 'keel-problems', dependencies: ['keel-path-objects'] });
