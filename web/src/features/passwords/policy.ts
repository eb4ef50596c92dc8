import type { PasswordPolicy } from '../../api/types.js';

export type PolicyCheck = { rule: string; met: boolean };

/** The rules of the policy a browser can check as the password is typed. */
export function checkPolicy(policy: PasswordPolicy, password: string): PolicyCheck[] {
  const length = [...password.normalize('NFC')].length;
  const checks: PolicyCheck[] = [
    { rule: `At least ${policy.minLength} characters`, met: length >= policy.minLength },
    { rule: `At most ${policy.maxLength} characters`, met: length <= policy.maxLength },
  ];
  if (policy.requireUppercase) checks.push({ rule: 'An uppercase letter', met: /\p{Lu}/u.test(password) });
  if (policy.requireLowercase) checks.push({ rule: 'A lowercase letter', met: /\p{Ll}/u.test(password) });
  if (policy.requireDigit) checks.push({ rule: 'A digit', met: /\p{Nd}/u.test(password) });
  if (policy.requireSymbol) checks.push({ rule: 'A symbol', met: /[^\p{L}\p{Nd}\s]/u.test(password) });
  return checks;
}
