import { websites } from '../db/schema/hosting.js';
import type { HostedIds, HostedKind } from '../hosting/hosted-resources.js';
import type { websiteSortFields } from './websites.schemas.js';

export const websiteKind: HostedKind<typeof websites, (typeof websiteSortFields)[number]> = {
  noun: 'website',
  title: 'Website',
  table: websites,
  counter: 'siteCount',
  sortColumns: { domain: websites.domain, createdAt: websites.createdAt },
  defaultSort: 'domain',
  searchColumn: websites.domain,
  describe: (website) => ({ domain: website.domain }),
};

/** `/customers/:id/websites/:websiteId` as the shared rules name a resource. */
export const websiteIds = (params: { id: string; websiteId: string }): HostedIds => ({
  customerId: params.id,
  resourceId: params.websiteId,
});
