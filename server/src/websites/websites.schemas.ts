import { type Static, Type } from 'typebox';
import { pagingFields, sortParameter, Timestamp } from '../contract/schemas.js';
import { Provisioning } from '../hosting/provisioning-view.js';

export const Website = Type.Object({
  id: Type.String(),
  domain: Type.String({ description: 'Lower-case ASCII; internationalized names in punycode.' }),
  enabled: Type.Boolean({
    description: "The customer's own switch; a suspended customer's sites are down whatever it says.",
  }),
  documentRoot: Type.String(),
  provisioning: Provisioning,
  createdAt: Timestamp,
});
export type Website = Static<typeof Website>;

export const WebsiteParams = Type.Object(
  { id: Type.String({ format: 'uuid' }), websiteId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const CreateWebsiteBody = Type.Object(
  { domain: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);

export const UpdateWebsiteBody = Type.Object(
  { enabled: Type.Boolean() },
  { additionalProperties: false, minProperties: 1 },
);

export const websiteSortFields = ['domain', 'createdAt'] as const;

export const WebsiteListQuery = Type.Object(
  {
    ...pagingFields,
    sort: Type.Optional(sortParameter(websiteSortFields)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type WebsiteListQuery = Static<typeof WebsiteListQuery>;
