import { describe, expect, it } from 'vitest';
import { defaultSecuritySettings, type PasswordPolicy } from '../settings/settings.schemas.js';
import { passwordFieldErrors, passwordProblems } from './password-policy.js';

const policy = defaultSecuritySettings.passwordPolicy;
const strict: PasswordPolicy = {
  ...policy,
  requireUppercase: true,
  requireLowercase: true,
  requireDigit: true,
  requireSymbol: true,
};

describe('password policy', () => {
  it('follows NIST 800-63B-4 by default: 15 to 128 characters, no composition rules', () => {
    expect(policy).toMatchObject({ minLength: 15, maxLength: 128, rejectCommon: true });
    expect(passwordProblems('plain lower case words', policy)).toEqual([]);
    expect(passwordProblems('fourteen chars', policy)).toEqual(['must be at least 15 characters long']);
    expect(passwordProblems('x'.repeat(64) + 'y'.repeat(64), policy)).toEqual([]);
    expect(passwordProblems('x'.repeat(64) + 'y'.repeat(65), policy)).toEqual([
      'must be at most 128 characters long',
    ]);
  });

  it('counts characters, not UTF-16 units or bytes, after NFC normalization', () => {
    // 15 emoji are 30 UTF-16 units; 15 "é" typed as e + combining accent are 30 code points.
    expect(passwordProblems('🐳🦀🐙🐢🦑🐬🦈🐋🐟🐠🐡🦐🦞🐚🪼', policy)).toEqual([]);
    const decomposed = 'éèêëáàâäíìîïóòô'.normalize('NFD');
    expect(decomposed.length).toBe(30);
    expect(passwordProblems(decomposed, policy)).toEqual([]);
    expect(passwordProblems(decomposed.slice(0, 28), policy)).toEqual([
      'must be at least 15 characters long',
    ]);
  });

  it('returns every reason that failed, not just the first', () => {
    const problems = passwordProblems('keel', strict, { email: 'ada@example.com', names: ['Ada Lovelace'] });
    expect(problems).toEqual([
      'must be at least 15 characters long',
      'must contain an upper-case letter',
      'must contain a digit',
      'must contain a symbol',
      'must not contain "keel"',
    ]);
    expect(passwordFieldErrors(problems)).toEqual(
      problems.map((message) => ({ field: 'password', message })),
    );
  });

  it('applies composition rules only when they are turned on', () => {
    const password = 'only lower case here';
    expect(passwordProblems(password, policy)).toEqual([]);
    expect(passwordProblems(password, { ...policy, requireUppercase: true })).toEqual([
      'must contain an upper-case letter',
    ]);
    expect(passwordProblems('ONLY UPPER CASE HERE', { ...policy, requireLowercase: true })).toEqual([
      'must contain a lower-case letter',
    ]);
    expect(passwordProblems(password, { ...policy, requireDigit: true })).toEqual(['must contain a digit']);
    expect(passwordProblems('onlylowercasehere', { ...policy, requireSymbol: true })).toEqual([
      'must contain a symbol',
    ]);
    expect(passwordProblems('Has Upper 4nd Symbol!', strict)).toEqual([]);
  });

  it('rejects common passwords whatever their case, unless that check is off', () => {
    const common = 'qwerty123456789';
    expect(passwordProblems(common, policy)).toEqual(['is a commonly used password']);
    expect(passwordProblems('QWERTY123456789', policy)).toEqual(['is a commonly used password']);
    expect(passwordProblems('1qaz2wsx3edc4rfv', policy)).toEqual(['is a commonly used password']);
    expect(passwordProblems(common, { ...policy, rejectCommon: false })).toEqual([]);
  });

  it('rejects the product name and the user’s email and name parts, in any case', () => {
    const context = { email: 'grace.hopper@navy.example', names: ['Grace', 'Hopper'] };
    expect(passwordProblems('my KEEL panel secret', policy, context)).toEqual(['must not contain "keel"']);
    expect(passwordProblems('amazing grace forever', policy, context)).toEqual(['must not contain "grace"']);
    expect(passwordProblems('grasshopper on a hill', policy, context)).toEqual(['must not contain "hopper"']);
    expect(passwordProblems('the navy is at sea now', policy, context)).toEqual(['must not contain "navy"']);
    // Short parts and the usual domain words are not context words.
    expect(passwordProblems('my com net org mail', policy, { email: 'al@mail.com' })).toEqual([]);
  });

  it('rejects one character repeated', () => {
    expect(passwordProblems('a'.repeat(20), { ...policy, rejectCommon: false })).toEqual([
      'must not be one character repeated',
    ]);
  });
});
