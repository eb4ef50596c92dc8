import { type Static, Type } from 'typebox';
import { Timestamp } from '../contract/schemas.js';
import { Provisioning } from '../hosting/provisioning-view.js';
import { WebsiteTls, WebsiteTlsChange } from './website-tls.schemas.js';

export const Website = Type.Object({
  id: Type.String(),
  domain: Type.String({ description: 'Lower-case ASCII; internationalized names in punycode.' }),
  enabled: Type.Boolean({
    description: "The customer's own switch; a suspended customer's sites are down whatever it says.",
  }),
  documentRoot: Type.String(),
  provisioning: Provisioning,
  tls: WebsiteTls,
  createdAt: Timestamp,
});
export type Website = Static<typeof Website>;

export const CreateWebsiteBody = Type.Object(
  { domain: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);

export const UpdateWebsiteBody = Type.Object(
  { enabled: Type.Optional(Type.Boolean()), tls: Type.Optional(WebsiteTlsChange) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWebsiteBody = Static<typeof UpdateWebsiteBody>;
