import type { FieldError } from '../errors/problem.js';
import type { PasswordPolicy } from '../settings/settings.schemas.js';
import { isCommonPassword } from './common-passwords.js';

/** Words the password must not contain: the user's email and name parts, and the product's name. */
export interface PasswordContext {
  email?: string | null;
  names?: (string | null | undefined)[];
}

const productWords = ['keel'];

function contextWords(context: PasswordContext): string[] {
  const fromEmail = (context.email ?? '').toLowerCase().split(/[@.+_-]/);
  const fromNames = (context.names ?? []).flatMap((name) => (name ?? '').toLowerCase().split(/\s+/));
  const stopWords = new Set(['com', 'net', 'org', 'www', 'mail']);
  return [...productWords, ...fromEmail, ...fromNames].filter(
    (word) => word.length >= 3 && !stopWords.has(word),
  );
}

/**
 * Checks a password against the policy (NIST 800-63B-4 by default) and returns every reason it
 * fails, each in words a user can act on. An empty list means it is accepted.
 */
export function passwordProblems(password: string, policy: PasswordPolicy, context: PasswordContext = {}) {
  const problems: string[] = [];
  const normalized = password.normalize('NFC');
  const length = [...normalized].length;
  if (length < policy.minLength) problems.push(`must be at least ${policy.minLength} characters long`);
  if (length > policy.maxLength) problems.push(`must be at most ${policy.maxLength} characters long`);
  if (policy.requireUppercase && !/\p{Lu}/u.test(normalized))
    problems.push('must contain an upper-case letter');
  if (policy.requireLowercase && !/\p{Ll}/u.test(normalized))
    problems.push('must contain a lower-case letter');
  if (policy.requireDigit && !/\p{Nd}/u.test(normalized)) problems.push('must contain a digit');
  if (policy.requireSymbol && !/[^\p{L}\p{N}]/u.test(normalized)) problems.push('must contain a symbol');
  if (length > 0 && new Set(normalized).size === 1) problems.push('must not be one character repeated');
  if (policy.rejectCommon && isCommonPassword(normalized)) problems.push('is a commonly used password');
  const lower = normalized.toLowerCase();
  for (const word of new Set(contextWords(context))) {
    if (lower.includes(word)) problems.push(`must not contain "${word}"`);
  }
  return problems;
}

export const passwordFieldErrors = (problems: string[], field = 'password'): FieldError[] =>
  problems.map((message) => ({ field, message }));
