import { Button, Code, NumberInput, Select, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { DnsZone } from '../../api/types.js';
import { FormDialog } from '../../components/FormDialog.js';
import { IconAction } from '../../components/IconAction.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { recordErrors } from './recordErrors.js';
import { type DnsRecordDraft, useSaveDnsRecords } from './useDnsZoneChanges.js';

const recordTypes: DnsRecordDraft['type'][] = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'CAA', 'NS'];
const emptyRecord: DnsRecordDraft = { name: '', type: 'A', ttl: 3600, value: '' };

type Props = { zone: DnsZone; customerId: string; onClose: () => void };

/** Edits the zone's records as one list, saved at once; each refused record shows its reason. */
export function DnsRecordsDialog({ zone, customerId, onClose }: Props) {
  const [records, setRecords] = useState<DnsRecordDraft[]>(zone.records);
  const save = useSaveDnsRecords(zone, customerId, onClose);
  const errors = recordErrors(save.error);
  const change = (index: number, patch: Partial<DnsRecordDraft>) =>
    setRecords((current) => current.map((record, at) => (at === index ? { ...record, ...patch } : record)));

  return (
    <FormDialog
      title={`Records of ${zone.domain}`}
      submitLabel="Save records"
      size="56rem"
      busy={save.isPending}
      failure={save.error}
      onSubmit={() => save.mutate(records)}
      onClose={onClose}
    >
      {zone.nameServers.length > 0 && (
        <Text size="sm" mb="sm">
          At the domain's registrar, set its name servers to{' '}
          {zone.nameServers.map((host, index) => (
            <span key={host}>
              {index > 0 && ', '}
              <Code>{host}</Code>
            </span>
          ))}
          . They answer for this zone; their NS and SOA records are Keel's own.
        </Text>
      )}
      <ScrollTable label={`Records of ${zone.domain}`} minWidth={640}>
        {/* Fixed widths for the short fields; Value, the longest (a TXT or DKIM record), takes the rest. */}
        <Table verticalSpacing={4} style={{ tableLayout: 'fixed' }}>
          <colgroup>
            <col style={{ width: '24%' }} />
            <col style={{ width: 122 }} />
            <col style={{ width: 122 }} />
            <col />
            <col style={{ width: 48 }} />
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>TTL</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>
                <VisuallyHidden>Remove</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records.map((record, index) => {
              const row = errors.get(index) ?? {};
              const position = `record ${index + 1}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved; their place is their identity
                <Table.Tr key={index}>
                  <Table.Td>
                    <TextInput
                      aria-label={`Name of ${position}`}
                      placeholder="@"
                      value={record.name}
                      error={row.name}
                      onChange={(event) => change(index, { name: event.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Type of ${position}`}
                      data={recordTypes}
                      allowDeselect={false}
                      value={record.type}
                      error={row.type}
                      onChange={(type) => type && change(index, { type: type as DnsRecordDraft['type'] })}
                      w={110}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`TTL of ${position}`}
                      min={60}
                      max={604800}
                      value={record.ttl}
                      error={row.ttl}
                      onChange={(ttl) => change(index, { ttl: Number(ttl) })}
                      w={110}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Value of ${position}`}
                      value={record.value}
                      error={row.value}
                      onChange={(event) => change(index, { value: event.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <IconAction
                      label={`Remove ${position}`}
                      Icon={IconTrash}
                      color="red"
                      onClick={() => setRecords((current) => current.filter((_, at) => at !== index))}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Button
        variant="light"
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => setRecords((current) => [...current, emptyRecord])}
        w="fit-content"
      >
        Add record
      </Button>
    </FormDialog>
  );
}
