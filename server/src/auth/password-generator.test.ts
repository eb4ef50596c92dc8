import { describe, expect, it } from 'vitest';
import { defaultSecuritySettings, type PasswordPolicy } from '../settings/settings.schemas.js';
import { generatePassword } from './password-generator.js';
import { passwordProblems } from './password-policy.js';

const policy = defaultSecuritySettings.passwordPolicy;
const lookAlikes = /[IOl01o]/;

describe('password generator', () => {
  it('draws at least 128 bits with upper case, lower case and digits, and no look-alikes', () => {
    for (let i = 0; i < 500; i++) {
      const password = generatePassword(policy);
      // 54 characters carry log2(54) ≈ 5.75 bits each.
      expect(password.length * Math.log2(54)).toBeGreaterThanOrEqual(128);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[2-9]/);
      expect(password).not.toMatch(lookAlikes);
      expect(password).toMatch(/^[A-Za-z2-9]+$/);
    }
  });

  it('never repeats itself', () => {
    const drawn = new Set(Array.from({ length: 1000 }, () => generatePassword(policy)));
    expect(drawn.size).toBe(1000);
  });

  const policies: [string, PasswordPolicy][] = [
    ['the default policy', policy],
    [
      'every composition rule',
      { ...policy, requireUppercase: true, requireLowercase: true, requireDigit: true, requireSymbol: true },
    ],
    ['a long minimum', { ...policy, minLength: 64 }],
    ['the longest minimum', { ...policy, minLength: 128, maxLength: 128 }],
    ['the shortest minimum', { ...policy, minLength: 8 }],
  ];
  it.each(policies)('always satisfies %s', (_, current) => {
    const context = { email: 'ada.lovelace@example.com', names: ['Ada', 'Lovelace'] };
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(current, context);
      expect(passwordProblems(password, current, context)).toEqual([]);
      const alphabet = current.requireSymbol ? 54 + 9 : 54;
      expect(password.length).toBeGreaterThanOrEqual(current.minLength);
      expect(password.length * Math.log2(alphabet)).toBeGreaterThanOrEqual(128);
    }
  });

  it('adds symbols only when the policy asks for them', () => {
    const withSymbols = { ...policy, requireSymbol: true };
    for (let i = 0; i < 100; i++) {
      expect(generatePassword(withSymbols)).toMatch(/[^A-Za-z0-9]/);
      expect(generatePassword(policy)).not.toMatch(/[^A-Za-z0-9]/);
    }
  });
});
