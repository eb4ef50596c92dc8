import { digestSecret, newSecret } from '../auth/secrets.js';

/** Long enough to carry the token to the new machine; short enough that a leaked one soon expires. */
export const enrollmentValidMs = 24 * 60 * 60 * 1000;

/** A one-time enrollment token: the secret to show once, and what the row keeps of it. */
export function newEnrollmentToken(now: Date) {
  const token = newSecret();
  return {
    token,
    columns: {
      enrollmentTokenHash: digestSecret(token),
      enrollmentExpiresAt: new Date(now.getTime() + enrollmentValidMs),
    },
  };
}
