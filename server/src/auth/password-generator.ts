import { randomInt } from 'node:crypto';
import type { PasswordPolicy } from '../settings/settings.schemas.js';
import { type PasswordContext, passwordProblems } from './password-policy.js';

// No look-alikes: no I, O, l, o, 0 or 1. 54 characters give 5.75 bits each.
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const lower = 'abcdefghijkmnpqrstuvwxyz';
const digits = '23456789';
const symbols = '-_.!@#%+=';
const minimumBits = 128;

function draw(alphabet: string, count: number): string {
  let drawn = '';
  for (let i = 0; i < count; i++) drawn += alphabet[randomInt(alphabet.length)];
  return drawn;
}

/**
 * A random password (CSPRNG) of at least 128 bits with upper case, lower case and digits, that
 * satisfies the given policy. Draws again in the rare case a draw misses a class or hits a
 * context word.
 */
export function generatePassword(policy: PasswordPolicy, context: PasswordContext = {}): string {
  const alphabet = upper + lower + digits + (policy.requireSymbol ? symbols : '');
  const bitsPerCharacter = Math.log2(alphabet.length);
  const length = Math.min(
    policy.maxLength,
    Math.max(policy.minLength, Math.ceil(minimumBits / bitsPerCharacter)),
  );
  for (;;) {
    const candidate = draw(alphabet, length);
    const hasClasses =
      /[A-Z]/.test(candidate) &&
      /[a-z]/.test(candidate) &&
      /[0-9]/.test(candidate) &&
      (!policy.requireSymbol || /[^A-Za-z0-9]/.test(candidate));
    if (hasClasses && passwordProblems(candidate, policy, context).length === 0) return candidate;
  }
}
