import type { Context } from '../context.js';
import { updateHosted } from '../hosting/hosted-resources.js';
import type { HostedIds } from '../hosting/resource-kind.js';
import { websiteKind } from './website-kind.js';
import { tlsChange } from './website-tls-change.js';
import type { UpdateWebsiteBody } from './websites.schemas.js';

/** Switches a website on or off and/or changes its HTTPS, in one audited change. */
export async function updateWebsite(ctx: Context, ids: HostedIds, input: UpdateWebsiteBody) {
  const updated = await updateHosted(ctx, websiteKind, ids, (website) => {
    const set: Record<string, unknown> = {};
    const details: Record<string, unknown> = {};
    if (input.enabled !== undefined && input.enabled !== website.enabled) {
      set.enabled = input.enabled;
      details.enabled = { from: website.enabled, to: input.enabled };
    }
    const tls = tlsChange(website, input.tls, ctx.now());
    Object.assign(set, tls.set);
    Object.assign(details, tls.details);
    return Object.keys(set).length === 0 ? null : { set, details };
  });
  if (input.tls?.enabled) ctx.signals.emit('certificatesRequested');
  return updated;
}
