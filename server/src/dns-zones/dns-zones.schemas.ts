import { type Static, Type } from 'typebox';
import { Timestamp } from '../contract/schemas.js';
import { Provisioning } from '../hosting/provisioning-view.js';
import { dnsRecordTypes } from '../provisioning/drivers/powerdns/zone-desired.js';
import { DEFAULT_TTL, MAX_RECORDS } from './dns-records.js';

const RecordType = Type.Enum(dnsRecordTypes, {
  description: "SOA and the apex NS records are the server's own and cannot be set.",
});

export const DnsRecord = Type.Object({
  name: Type.String({
    description: '`@` for the zone itself, else relative to it: `www`, `*.dev`, `_dmarc`.',
  }),
  type: RecordType,
  ttl: Type.Integer(),
  value: Type.String({
    description:
      'A: IPv4; AAAA: IPv6; CNAME, NS: host name; MX: `<preference> <host>`; SRV: `<priority> <weight> <port> <host>`; CAA: `<flags> <tag> <value>`; TXT: the text.',
  }),
});

const DnsRecordInput = Type.Object(
  {
    name: Type.String({ maxLength: 253 }),
    type: RecordType,
    ttl: Type.Optional(
      Type.Integer({ minimum: 60, maximum: 604800, description: `Seconds; ${DEFAULT_TTL} when left out.` }),
    ),
    value: Type.String({ maxLength: 4096 }),
  },
  { additionalProperties: false },
);

const Records = Type.Array(DnsRecordInput, { maxItems: MAX_RECORDS });

export const DnsZone = Type.Object({
  id: Type.String(),
  domain: Type.String({ description: 'Lower-case ASCII; internationalized names in punycode.' }),
  enabled: Type.Boolean({
    description:
      "The customer's own switch. A zone stays served while its customer is suspended (mail still needs MX) and is withdrawn once the customer is deleted.",
  }),
  records: Type.Array(DnsRecord),
  serial: Type.Integer({ description: 'The SOA serial; grows with every change.' }),
  nameServers: Type.Array(Type.String(), {
    description:
      "The provider's name servers, in the zone's NS records: the domain's registrar must delegate to them. Empty when this Keel serves no DNS.",
  }),
  provisioning: Provisioning,
  createdAt: Timestamp,
});
export type DnsZone = Static<typeof DnsZone>;

export const CreateDnsZoneBody = Type.Object(
  { domain: Type.String({ minLength: 1, maxLength: 300 }), records: Type.Optional(Records) },
  { additionalProperties: false },
);
export type CreateDnsZoneBody = Static<typeof CreateDnsZoneBody>;

export const UpdateDnsZoneBody = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    records: Type.Optional({ ...Records, description: 'Replaces every record of the zone.' }),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDnsZoneBody = Static<typeof UpdateDnsZoneBody>;
