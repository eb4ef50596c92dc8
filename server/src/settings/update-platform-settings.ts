import type { Context } from '../context.js';
import { replaceSettingsGroup } from './replace-settings-group.js';
import { readPlatformSettings } from './settings.queries.js';
import { defaultPlatformSettings, type PlatformSettings } from './settings.schemas.js';

/**
 * Replaces the platform settings. A new retention applies to customers deleted from now on;
 * those already deleted keep the `purgeAfter` they were given.
 */
export function updatePlatformSettings(ctx: Context, input: PlatformSettings): Promise<PlatformSettings> {
  return replaceSettingsGroup(
    ctx,
    {
      key: 'platform',
      defaults: defaultPlatformSettings,
      read: readPlatformSettings,
      action: 'settings.platform_updated',
    },
    input,
  );
}
