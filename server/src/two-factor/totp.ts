import { Secret, TOTP } from 'otpauth';

/** RFC 6238 with what every authenticator app reads: SHA-1, six digits, 30-second steps. */
const totpOf = (secret: string, label: string) =>
  new TOTP({
    issuer: 'Keel',
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });

/** A new 160-bit secret (RFC 4226's recommended length), base32 as apps expect it. */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

/** The `otpauth://` URL an authenticator app scans; the label names the account in the app. */
export const otpauthUrl = (secret: string, email: string) => totpOf(secret, email).toString();

/**
 * The time step of `code` when it is right at `now`, allowing one step of clock drift either way
 * (RFC 6238 §5.2); null when it is wrong.
 */
export function matchingStep(secret: string, code: string, now: Date): number | null {
  const totp = totpOf(secret, '');
  const timestamp = now.getTime();
  const delta = totp.validate({ token: code, timestamp, window: 1 });
  return delta === null ? null : totp.counter({ timestamp }) + delta;
}
