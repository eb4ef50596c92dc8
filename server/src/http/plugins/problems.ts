import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldError, Problem } from '../problem.js';

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

const fromPostgres = (error: { code?: unknown }) => {
  // A unique index caught a race that the use case's own check could not see.
  if (error.code === '23505')
    return new Problem(409, '/api/problems/conflict', 'Conflict', 'It already exists.');
  // Values a schema let through but PostgreSQL rejects (out-of-range numbers, bad text encoding).
  if (error.code === '22003' || error.code === '22P02' || error.code === '22021') {
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
  const database = fromPostgres(error as { code?: unknown });
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
    const problem = toProblem(error);
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
      .send({
        type: problem.type,
        title: problem.title,
        status: problem.status,
        detail: problem.detail,
        ...(problem.errors ? { errors: problem.errors } : {}),
      });
  });
}

export const problemsPlugin = fp(problems, { name: 'keel-problems' });
