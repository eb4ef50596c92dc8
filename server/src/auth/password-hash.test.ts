import { describe, expect, it } from 'vitest';
import { hashPassword, verifyDecoy, verifyPassword } from './password-hash.js';

describe('password hashing', () => {
  it('uses argon2id with the OWASP parameters and a salt of its own per hash', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
  });

  it('verifies exactly what was typed, never a truncation', async () => {
    const long = `${'a'.repeat(200)}b`;
    const stored = await hashPassword(long);
    expect(await verifyPassword(stored, long)).toBe(true);
    expect(await verifyPassword(stored, 'a'.repeat(200))).toBe(false);
    expect(await verifyPassword(stored, `${long} `)).toBe(false);
  });

  it('matches the same password typed in another Unicode form', async () => {
    const composed = 'café crème brûlée à la maison';
    const stored = await hashPassword(composed);
    expect(await verifyPassword(stored, composed.normalize('NFD'))).toBe(true);
  });

  it('answers false, not an error, for a broken stored hash', async () => {
    expect(await verifyPassword('not a hash', 'anything at all here')).toBe(false);
    expect(await verifyDecoy('anything at all here')).toBe(false);
  });
});
