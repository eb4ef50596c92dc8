import { createElement } from 'react';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Website } from '../../api/types.js';
import { firstPage } from '../hosting/first-page.js';
import type { HostingKind } from '../hosting/hosting-kind.js';
import { CertificateState } from './CertificateState.js';
import { NewWebsiteDialog } from './NewWebsiteDialog.js';
import { WebsiteActions } from './WebsiteActions.js';

const one = (customerId: string, site: Website) => ({
  params: { path: { id: customerId, websiteId: site.id } },
});

export const websiteKind: HostingKind<Website> = {
  title: 'Websites',
  noun: 'website',
  plural: 'websites',
  counter: 'siteCount',
  limit: 'sites',
  list: (id) => unwrap(api.GET('/api/v1/customers/{id}/websites', firstPage(id))),
  nameOf: (site) => site.domain,
  columns: [
    { label: 'Domain', render: (site) => site.domain },
    { label: 'PHP', render: (site) => (site.php.enabled ? `PHP ${site.php.version}` : 'Off') },
    { label: 'HTTPS', render: (site) => createElement(CertificateState, { site }) },
  ],
  add: { label: 'Add website', Dialog: NewWebsiteDialog },
  setEnabled: (customerId, site, enabled) =>
    unwrap(
      api.PATCH('/api/v1/customers/{id}/websites/{websiteId}', {
        ...one(customerId, site),
        body: { enabled },
      }),
    ),
  remove: (customerId, site) =>
    unwrap(api.DELETE('/api/v1/customers/{id}/websites/{websiteId}', one(customerId, site))),
  removal: (site) =>
    `Keel's web server stops serving ${site.domain}: its virtual host is removed, and its files (the document root ${site.documentRoot} and everything in it) are deleted. This cannot be undone.`,
  underStatus: {
    suspended:
      'show a “suspended” page (503) instead of the site, and none of their PHP runs; their files are kept',
    deleted:
      'show a “suspended” page (503), and none of their PHP runs; their files are kept until the permanent deletion',
  },
  purged: 'their virtual hosts, PHP pools and all their files',
  RowActions: WebsiteActions,
};
