import type { Context } from '../context.js';
import { unprocessable } from '../errors/problem.js';
import { replaceSettingsGroup } from './replace-settings-group.js';
import { readSecuritySettings, securityGroup } from './settings.queries.js';
import {
  defaultSecuritySettings,
  type SecuritySettings,
  type SecuritySettingsBody,
} from './settings.schemas.js';

/**
 * Replaces the password policy, session timeouts and first-sign-in rule; they apply from the next
 * request on. The
 * schema keeps minLength ≤ 128 ≤ maxLength, so only the timeouts need a cross-field check.
 */
export async function updateSecuritySettings(
  ctx: Context,
  input: SecuritySettingsBody,
): Promise<SecuritySettings> {
  if (input.sessionIdleMinutes > input.sessionMaxHours * 60) {
    throw unprocessable('The idle timeout is longer than the absolute session lifetime.', [
      {
        field: 'sessionIdleMinutes',
        message: `must not be above sessionMaxHours × 60 (${input.sessionMaxHours * 60})`,
      },
    ]);
  }
  return replaceSettingsGroup(
    ctx,
    {
      key: securityGroup,
      defaults: defaultSecuritySettings,
      read: readSecuritySettings,
      action: 'settings.security_updated',
    },
    input,
  );
}
