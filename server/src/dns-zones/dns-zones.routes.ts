import type { KindRoutes } from '../hosting/hosted.routes.js';
import { createDnsZone } from './create-dns-zone.js';
import { CreateDnsZoneBody, UpdateDnsZoneBody } from './dns-zones.schemas.js';
import { updateDnsZone } from './update-dns-zone.js';

/** What only DNS zones have: create, and a PATCH that switches a zone and/or replaces its records. */
export const dnsZoneRoutes: KindRoutes = {
  create: {
    summary: "Add a DNS zone; the reconciler puts it on Keel's name server",
    body: CreateDnsZoneBody,
    create: createDnsZone,
  },
  changes: {
    summary: 'Turn a DNS zone on or off, or replace its records',
    body: UpdateDnsZoneBody,
    errors: [422],
    change: updateDnsZone,
  },
};
