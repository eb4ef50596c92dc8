import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import type { ApiClient } from './client.js';

/** What an authenticator app shows for the secret at the app's clock, as a user would type it. */
export const codeOf = (keel: TestApp, secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: keel.clock.now().getTime() + offsetMs,
  });

/** Sets up and enables two-factor sign-in for a signed-in client, as the panel does. */
export async function turnOnTwoFactor(keel: TestApp, client: ApiClient) {
  const setup = await client.post('/auth/2fa/setup');
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json() as { secret: string };
  const enabled = await client.post('/auth/2fa/enable', { code: codeOf(keel, secret) });
  expect(enabled.statusCode).toBe(200);
  // The code just used is spent: the next sign-in needs the next step's.
  keel.clock.advance(30_000);
  return { secret, recoveryCodes: (enabled.json() as { recoveryCodes: string[] }).recoveryCodes };
}
