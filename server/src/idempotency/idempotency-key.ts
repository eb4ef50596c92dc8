import { createHash } from 'node:crypto';

/** The request header a client sends to make a POST safe to retry (shared/API.md). */
export const idempotencyKeyHeader = 'idempotency-key';

/** How long a first answer is kept and replayed. */
export const idempotencyKeyHours = 24;

/**
 * After this long a claim whose request never answered is taken as left by a process that died:
 * far longer than any API request runs, since requests leave slow work to the reconciler.
 */
export const abandonedClaimMinutes = 10;

/** Up to 255 visible ASCII characters: room for a UUID or a billing system's invoice reference. */
export const idempotencyKeyPattern = '^[\\x21-\\x7E]{1,255}$';

/** JSON with object keys sorted, so a retry that orders its fields differently is the same body. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, inner]) => `${JSON.stringify(name)}:${canonicalJson(inner)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests under one key the same request: method, path with query, and body. */
export function requestDigest(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** How a key is found again without being kept: its SHA-256. */
export const idempotencyKeyDigest = (key: string) => createHash('sha256').update(key).digest('hex');
