import { servedWhileActive } from '../hosting/effective-state.js';
import type { ResourceKind } from '../hosting/resource-kind.js';
import type { NginxWebsiteDriver, WebsiteDesired } from '../provisioning/drivers/nginx/website-driver.js';
import { websiteService } from '../provisioning/drivers/nginx/website-service.js';
import type { ReconciledKind } from '../provisioning/reconciled-kind.js';
import { presentWebsite } from './present-website.js';
import { desiredWebsites, expectedWebsites } from './website-inventory.js';
import { Website } from './websites.schemas.js';
import { websites } from './websites.table.js';

/** A website: a document root in its customer's home and a vhost on Keel's nginx. */
export const websiteKind = {
  noun: 'website',
  title: 'Website',
  plural: 'websites',
  path: 'websites',
  idParam: 'websiteId',
  table: websites,
  counter: 'siteCount',
  limit: 'sites',
  statusStates: servedWhileActive,
  sortColumns: { domain: websites.domain, createdAt: websites.createdAt },
  defaultSort: 'domain',
  searchColumn: websites.domain,
  actions: ['repaired', 'certificate_uploaded', 'certificate_renewal_requested'],
  label: (website) => website.domain,
  describe: (website) => ({ domain: website.domain }),
  schema: Website,
  present: presentWebsite,
  desired: desiredWebsites,
  service: websiteService,
  expected: expectedWebsites,
} as const satisfies ResourceKind<typeof websites> & ReconciledKind<WebsiteDesired, NginxWebsiteDriver>;
