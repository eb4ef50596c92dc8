import {
  ActionIcon,
  Card,
  Code,
  CopyButton,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { MailDomain } from '../../api/types.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { firstPage } from '../hosting/first-page.js';

type MailRecord = MailDomain['records'][number];

function CopyValue({ record }: { record: MailRecord }) {
  const what = `${record.type} record of ${record.name}`;
  return (
    <CopyButton value={record.value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : `Copy the ${what}`} withArrow>
          <ActionIcon
            variant="light"
            color={copied ? 'teal' : undefined}
            onClick={copy}
            aria-label={copied ? 'Copied' : `Copy the ${what}`}
          >
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** Where a domain's records are: in the customer's zone on this server, or to publish elsewhere. */
const whereText = (domain: MailDomain) =>
  domain.dnsZone
    ? `Added to the DNS zone ${domain.dnsZone.domain} on this server.`
    : 'This server does not serve its DNS: publish these records where the domain’s DNS is hosted.';

/**
 * The DNS records each of the customer's mail domains needs (MX, SPF, DKIM), to copy where the
 * domain's DNS is hosted; shown only once the customer has mail at a domain.
 */
export function MailDnsRecords({ customerId }: { customerId: string }) {
  const domains = useQuery({
    queryKey: ['customers', customerId, 'mail-domains'],
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}/mail-domains', firstPage(customerId))),
    retry: false,
  });
  const items = domains.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder component="section" aria-label="Mail DNS records">
      <Title order={2} size="h4">
        Mail DNS records
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        Mail to and from these domains needs these records in their DNS.
      </Text>
      {items.map((domain) => (
        <div key={domain.domain}>
          <Text fw={500} size="sm" mt="sm">
            {domain.domain}
          </Text>
          <Text size="sm" c="dimmed">
            {whereText(domain)}
          </Text>
          <ScrollTable label={`Mail DNS records of ${domain.domain}`} minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Value</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Copy</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {domain.records.map((record) => (
                  <Table.Tr key={`${record.name} ${record.type} ${record.value.slice(0, 12)}`}>
                    <Table.Td>{record.name}</Table.Td>
                    <Table.Td>{record.type}</Table.Td>
                    <Table.Td>
                      <Code style={{ wordBreak: 'break-all' }}>{record.value}</Code>
                    </Table.Td>
                    <Table.Td>
                      <CopyValue record={record} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </div>
      ))}
    </Card>
  );
}
