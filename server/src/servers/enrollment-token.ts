import { digestSecret, newSecret } from '../auth/secrets.js';

/** Long enough to carry the token to the new machine; short enough that a leaked one soon expires. */
export const enrollmentValidMs = 24 * 60 * 60 * 1000;

/**
 * A one-time enrollment token: the secret to show once, and what the row keeps of it. The prefix
 * names it where it leaks, and keeps it from starting with "-" (base64url may), which
 * `keel agent --token` would read as an option.
 */
export function newEnrollmentToken(now: Date) {
  const token = `keel-enroll-${newSecret()}`;
  return {
    token,
    columns: {
      enrollmentTokenHash: digestSecret(token),
      enrollmentExpiresAt: new Date(now.getTime() + enrollmentValidMs),
    },
  };
}
