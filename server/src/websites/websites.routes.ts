import type { KindRoutes } from '../hosting/hosted.routes.js';
import { createWebsite } from './create-website.js';
import { updateWebsite } from './update-website.js';
import { CreateWebsiteBody, UpdateWebsiteBody } from './websites.schemas.js';

/** What only websites have: create, and a PATCH that switches a site, its PHP and its HTTPS. */
export const websiteRoutes: KindRoutes = {
  create: {
    summary: 'Add a website; the reconciler creates its files and vhost',
    body: CreateWebsiteBody,
    create: createWebsite,
  },
  changes: {
    summary:
      'Turn a website on or off, or its PHP (a version installed on the server); order its HTTPS certificate (tls.enabled) or drop it; redirect HTTP to HTTPS',
    body: UpdateWebsiteBody,
    errors: [422],
    change: updateWebsite,
  },
};
