import { type Static, Type } from 'typebox';
import { pagingFields } from '../contract/schemas.js';

export const MailDomainRecord = Type.Object({
  name: Type.String({ description: 'The full name the record is published at, without the final dot.' }),
  type: Type.Union([Type.Literal('MX'), Type.Literal('TXT')]),
  ttl: Type.Integer(),
  value: Type.String({
    description: 'MX: `<preference> <host>`; TXT: the text (SPF, or the DKIM public key), unquoted.',
  }),
});

export const MailDomain = Type.Object({
  domain: Type.String({ description: 'Lower-case; an internationalized domain in punycode.' }),
  dnsZone: Type.Union([Type.Object({ id: Type.String(), domain: Type.String() }), Type.Null()], {
    description:
      "The customer's zone on Keel's DNS the records were added to; null when Keel does not serve the domain's DNS, and the records must be published where it is served.",
  }),
  records: Type.Array(MailDomainRecord, {
    description:
      "What mail at the domain needs in DNS: MX to Keel's mail host, SPF, and the DKIM key outgoing mail is signed with.",
  }),
});
export type MailDomain = Static<typeof MailDomain>;

export const MailDomainsQuery = Type.Object({ ...pagingFields }, { additionalProperties: false });
export type MailDomainsQuery = Static<typeof MailDomainsQuery>;
