import type { Context } from '../context.js';
import { unprocessable } from '../errors/problem.js';
import { updateHosted } from '../hosting/hosted-resources.js';
import type { HostedIds } from '../hosting/resource-kind.js';
import { installedPhpVersions } from '../provisioning/drivers/php-fpm/php-versions.js';
import { websiteKind } from './website-kind.js';
import { tlsChange } from './website-tls-change.js';
import type { UpdateWebsiteBody } from './websites.schemas.js';

/**
 * Turns a website on or off, its PHP and/or its HTTPS, in one change. A version must be one installed on
 * the server (422 otherwise, before anything is written); switching PHP on without one keeps the
 * site's last version, or takes the newest installed.
 */
export async function updateWebsite(ctx: Context, ids: HostedIds, input: UpdateWebsiteBody) {
  const installed = await installedPhpVersions();
  const asked = input.php?.version;
  if (asked !== undefined && !installed.includes(asked)) {
    throw unprocessable(
      installed.length === 0
        ? 'No PHP version is installed on this server.'
        : `PHP ${asked} is not installed on this server; choose one of ${installed.join(', ')}.`,
      [{ field: '/php/version', message: 'not installed on this server' }],
      'php-version-unavailable',
    );
  }
  const updated = await updateHosted(ctx, websiteKind, ids, (website) => {
    const set: Record<string, unknown> = {};
    const details: Record<string, unknown> = {};
    if (input.enabled !== undefined && input.enabled !== website.enabled) {
      set.enabled = input.enabled;
      details.enabled = { from: website.enabled, to: input.enabled };
    }
    const phpEnabled = input.php?.enabled ?? website.phpEnabled;
    const phpVersion = asked ?? website.phpVersion ?? (phpEnabled ? installed.at(-1) : null) ?? null;
    if (phpEnabled && phpVersion === null) {
      throw unprocessable(
        'No PHP version is installed on this server.',
        undefined,
        'php-version-unavailable',
      );
    }
    if (phpEnabled !== website.phpEnabled || phpVersion !== website.phpVersion) {
      set.phpEnabled = phpEnabled;
      set.phpVersion = phpVersion;
      details.php = {
        from: { enabled: website.phpEnabled, version: website.phpVersion },
        to: { enabled: phpEnabled, version: phpVersion },
      };
    }
    const tls = tlsChange(website, input.tls, ctx.now());
    Object.assign(set, tls.set);
    Object.assign(details, tls.details);
    return Object.keys(set).length === 0 ? null : { set, details };
  });
  if (input.tls?.enabled) ctx.signals.emit('certificatesRequested');
  return updated;
}
