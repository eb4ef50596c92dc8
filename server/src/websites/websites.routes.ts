import type { KindRoutes } from '../hosting/hosted.routes.js';
import { createWebsite } from './create-website.js';
import { updateWebsite } from './update-website.js';
import { CreateWebsiteBody, UpdateWebsiteBody } from './websites.schemas.js';

/** What only websites have: create, and a PATCH that also changes HTTPS. */
export const websiteRoutes: KindRoutes = {
  create: {
    summary: 'Add a website; the reconciler creates its files and vhost',
    body: CreateWebsiteBody,
    create: createWebsite,
  },
  changes: {
    summary:
      'Turn a website on or off; order its HTTPS certificate (tls.enabled) or drop it; redirect HTTP to HTTPS',
    body: UpdateWebsiteBody,
    errors: [],
    change: updateWebsite,
  },
};
