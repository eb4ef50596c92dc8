import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A 256-bit random secret, URL-safe: session tokens, API tokens, CSRF tokens. */
export const newSecret = () => randomBytes(32).toString('base64url');

/** Secrets are stored only as this digest; 256 random bits need no slow hash. */
export const digestSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
