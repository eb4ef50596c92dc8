import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { Problem, problemDocument } from '../errors/problem.js';

function routerRefusal(error: FastifyError): Problem {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new Problem(414, '/api/problems/uri-too-long', 'URI too long', 'A part of the path is too long.');
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return new Problem(
      400,
      '/api/problems/bad-request',
      'Bad request',
      'The path is not valid: check its percent-encoding.',
    );
  }
  return new Problem(500, 'about:blank', 'Internal error', 'Something went wrong.');
}

/**
 * Refusals Fastify's router makes before any route or error handler runs (a path it cannot decode,
 * an id longer than the router keeps): without this they would leave in Fastify's own JSON shape.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
) => {
  const problem = routerRefusal(error);
  reply.code(problem.status).type('application/problem+json').send(problemDocument(problem));
};

interface ClientError extends Error {
  code?: string;
  rawPacket?: unknown;
}

/**
 * Node's HTTP parser counts the request line towards the header limit: when that line alone is
 * over the limit, the URL is what is too long (414), not the headers (431).
 */
function requestLineTooLong(error: ClientError): boolean {
  if (!Buffer.isBuffer(error.rawPacket)) return false;
  const end = error.rawPacket.indexOf('\r\n');
  return (end === -1 ? error.rawPacket.length : end) >= maxHeaderSize;
}

function parserRefusal(error: ClientError): Problem {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new Problem(
      408,
      '/api/problems/timeout',
      'Request timeout',
      'The request took too long to arrive.',
    );
  }
  if (error.code === 'HPE_HEADER_OVERFLOW' && requestLineTooLong(error)) {
    return new Problem(414, '/api/problems/uri-too-long', 'URI too long', 'The URL is too long.');
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new Problem(
      431,
      '/api/problems/headers-too-large',
      'Request header fields too large',
      `The request's headers are over ${maxHeaderSize} bytes.`,
    );
  }
  return new Problem(400, '/api/problems/bad-request', 'Bad request', 'The request is not valid HTTP.');
}

/**
 * Requests Node's HTTP parser refuses (headers over the limit, malformed HTTP, too slow) never
 * reach Fastify: the answer is written to the socket here, as a problem document, and the
 * connection closed, since the rest of what the client sent cannot be trusted.
 */
export function clientErrorHandler(error: ClientError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const problem = parserRefusal(error);
    const body = JSON.stringify(problemDocument(problem));
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
