import { Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import type { Customer } from '../../api/types.js';
import { CompactTable } from '../../components/CompactTable.js';
import { PermittedButton } from '../../components/PermittedButton.js';
import { TableState } from '../../components/TableState.js';
import type { AnyHostingKind, HostedResource } from './hosting-kind.js';
import { ProvisioningState } from './ProvisioningState.js';
import { EnabledSwitch, ResourceActions } from './ResourceControls.js';
import { additionPermission, type CustomerLimits, usageText } from './usage.js';

type Props = { kind: AnyHostingKind; customer: Customer; limits: CustomerLimits };

/**
 * One kind of the customer's hosting resources: its usage against the package, "Add …", and per
 * row the kind's own columns, the switch, what the service applied and the actions. Says so when
 * the server does not offer the kind.
 */
export function ResourceSection({ kind, customer, limits }: Props) {
  const customerId = customer.id;
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: ['customers', customerId, kind.plural],
    queryFn: (): Promise<{ items: HostedResource[] }> => kind.list(customerId),
    retry: false,
    // Until the service has answered for a new or changed resource, ask again: the change is
    // applied after the request, and its outcome (ready, or why not) is what the operator waits for.
    refetchInterval: (query) =>
      query.state.data?.items.some(
        ({ provisioning }) => provisioning.state === 'pending' && !provisioning.error,
      )
        ? 2000
        : false,
  });
  const unavailable = list.error instanceof ApiProblem && [404, 501].includes(list.error.status);
  const rows = list.data?.items ?? [];
  const headers = [...kind.columns.map((column) => column.label), 'Enabled', 'State', 'Actions'];
  const controls = { kind, customerId, permission: customer.permissions.changeResources };
  const AddDialog = kind.add.Dialog;

  return (
    <Card withBorder component="section" aria-label={kind.title}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={2} size="h4">
            {kind.title}
          </Title>
          <Text size="sm" c="dimmed">
            {usageText(kind, customer, limits)}
          </Text>
        </div>
        {!unavailable && (
          <PermittedButton
            label={kind.add.label}
            permission={additionPermission(kind, customer, limits)}
            onClick={() => setAdding(true)}
          />
        )}
      </Group>
      {unavailable ? (
        <Text size="sm" c="dimmed">
          Not available yet.
        </Text>
      ) : (
        <CompactTable label={`${kind.title} list`} minWidth={560} headers={headers}>
          <TableState
            columns={headers.length}
            loading={list.isPending}
            error={list.error}
            empty={rows.length === 0}
            emptyText={`No ${kind.plural} yet.`}
          />
          {rows.map((resource) => (
            <Table.Tr key={resource.id}>
              {kind.columns.map((column) => (
                <Table.Td key={column.label}>{column.render(resource)}</Table.Td>
              ))}
              <Table.Td>
                <EnabledSwitch {...controls} resource={resource} />
              </Table.Td>
              <Table.Td>
                <ProvisioningState provisioning={resource.provisioning} />
              </Table.Td>
              <Table.Td>
                <ResourceActions {...controls} resource={resource} />
              </Table.Td>
            </Table.Tr>
          ))}
        </CompactTable>
      )}
      {adding && <AddDialog customerId={customerId} onClose={() => setAdding(false)} />}
    </Card>
  );
}
