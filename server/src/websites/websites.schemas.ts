import { type Static, Type } from 'typebox';
import { Timestamp } from '../contract/schemas.js';
import { Provisioning } from '../hosting/provisioning-view.js';
import { WebsiteTls, WebsiteTlsChange } from './website-tls.schemas.js';

const PhpVersion = Type.String({
  pattern: '^[0-9]+\\.[0-9]+$',
  description: 'One of the versions GET /settings/php-versions lists, e.g. 8.2.',
});

export const WebsitePhp = Type.Object({
  enabled: Type.Boolean({
    description: "Runs *.php in the customer's own PHP-FPM pool, as the customer's system user.",
  }),
  version: Type.Union([PhpVersion, Type.Null()], {
    description: 'Kept while PHP is off; null until PHP is first switched on.',
  }),
});

export const Website = Type.Object({
  id: Type.String(),
  domain: Type.String({ description: 'Lower-case ASCII; internationalized names in punycode.' }),
  enabled: Type.Boolean({
    description: "The customer's own switch; a suspended customer's sites are down whatever it says.",
  }),
  documentRoot: Type.String(),
  php: WebsitePhp,
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
  {
    enabled: Type.Optional(Type.Boolean()),
    php: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean()),
          version: Type.Optional({
            ...PhpVersion,
            description:
              'Switching PHP on without one keeps the last version, or takes the newest installed.',
          }),
        },
        { additionalProperties: false, minProperties: 1 },
      ),
    ),
    tls: Type.Optional(WebsiteTlsChange),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWebsiteBody = Static<typeof UpdateWebsiteBody>;
