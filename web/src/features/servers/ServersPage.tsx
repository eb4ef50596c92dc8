import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Server } from '../../api/types.js';
import { formatDateTime } from '../../components/format.js';
import { IconAction } from '../../components/IconAction.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { TableState } from '../../components/TableState.js';
import { AddServerDialog } from './AddServerDialog.js';
import { DeleteServerDialog, ReissueEnrollmentDialog } from './ServerDialogs.js';
import { roleLabel } from './server-roles.js';
import { useServers } from './useServers.js';

function lastSeen(server: Server): string {
  if (server.local) return 'The panel itself';
  if (!server.enrolled) return 'Not enrolled yet';
  return server.lastSeenAt ? formatDateTime(server.lastSeenAt) : 'Never';
}

/** The hosting machines under this panel: their agents' status, what they host, adding and removing one. */
export function ServersPage() {
  const servers = useServers({ live: true });
  const [adding, setAdding] = useState(false);
  const [reissuing, setReissuing] = useState<Server | null>(null);
  const [deleting, setDeleting] = useState<Server | null>(null);
  const rows = servers.data?.items ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>Servers</PageTitle>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
          Add server
        </Button>
      </Group>
      <Text>
        Each customer lives on one server. The local server is this panel's own machine; another server runs{' '}
        <code>keel agent</code>, which applies its customers' websites, databases, mail and FTP there and
        reports back. A server is offline when its agent has not been heard from for 30 seconds: its changes
        wait, pending, until it is back.
      </Text>
      <ScrollTable label="Servers" minWidth={940}>
        <Table aria-label="Servers" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th>Group</Table.Th>
              <Table.Th>Customers</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableState
              columns={7}
              loading={servers.isPending}
              error={servers.error}
              empty={rows.length === 0}
              emptyText="No servers."
            />
            {rows.map((server) => (
              <Table.Tr key={server.id}>
                <Table.Td>{server.name}</Table.Td>
                <Table.Td>
                  <StatusBadge
                    color={server.status === 'online' ? 'teal' : 'gray'}
                    label={server.status === 'online' ? 'Online' : 'Offline'}
                  />
                </Table.Td>
                <Table.Td>{server.roles.map(roleLabel).join(', ')}</Table.Td>
                <Table.Td>{server.group ?? '–'}</Table.Td>
                <Table.Td>
                  {server.customerCount} of {server.capacity}
                </Table.Td>
                <Table.Td>{lastSeen(server)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <IconAction
                      label={`New enrollment token for ${server.name}`}
                      Icon={IconKey}
                      permission={server.permissions.reissueEnrollment}
                      onClick={() => setReissuing(server)}
                    />
                    <IconAction
                      label={`Remove ${server.name}`}
                      Icon={IconTrash}
                      color="red"
                      permission={server.permissions.delete}
                      onClick={() => setDeleting(server)}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {adding && <AddServerDialog onClose={() => setAdding(false)} />}
      {reissuing && <ReissueEnrollmentDialog server={reissuing} onClose={() => setReissuing(null)} />}
      {deleting && <DeleteServerDialog server={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}
