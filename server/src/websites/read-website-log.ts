import type { Context } from '../context.js';
import { visibleHosted } from '../hosting/hosted-resources.js';
import type { HostedIds } from '../hosting/resource-kind.js';
import { lastLines } from '../provisioning/drivers/files/last-lines.js';
import { type NginxLayout, siteAccessLog, siteErrorLog } from '../provisioning/drivers/nginx/layout.js';
import { websiteKind } from './website-kind.js';

export type WebsiteLogKind = 'access' | 'error';

/**
 * The last lines nginx logged for one website the actor may see (404 otherwise): its requests
 * (`access`) or its errors (`error`), oldest first. A site nginx has not served yet has none.
 */
export async function readWebsiteLog(
  ctx: Context,
  logs: Pick<NginxLayout, 'siteLogsDir'>,
  ids: HostedIds,
  input: { kind: WebsiteLogKind; lines: number },
): Promise<{ kind: WebsiteLogKind; lines: string[] }> {
  const { resource } = await visibleHosted(websiteKind, ctx.db, ctx.actor, ids);
  const file = input.kind === 'access' ? siteAccessLog(logs, resource.id) : siteErrorLog(logs, resource.id);
  return { kind: input.kind, lines: await lastLines(file, input.lines) };
}
