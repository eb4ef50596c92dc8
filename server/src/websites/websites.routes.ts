import type { KindRoutes } from '../hosting/hosted.routes.js';
import { createWebsite } from './create-website.js';
import { CreateWebsiteBody } from './websites.schemas.js';

/** What only websites have: create. */
export const websiteRoutes: KindRoutes = {
  create: {
    summary: 'Add a website; the reconciler creates its files and vhost',
    body: CreateWebsiteBody,
    create: createWebsite,
  },
};
