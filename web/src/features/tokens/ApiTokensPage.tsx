import { Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApiToken } from '../../api/types.js';
import { formatDateTime } from '../../components/format.js';
import { IconAction } from '../../components/IconAction.js';
import { PageTitle } from '../../components/PageTitle.js';
import { ScrollTable } from '../../components/ScrollTable.js';
import { TableState } from '../../components/TableState.js';
import { useSignedInSession } from '../auth/session.js';
import { NewApiTokenDialog } from './NewApiTokenDialog.js';
import { RevokeApiTokenDialog } from './RevokeApiTokenDialog.js';
import { useApiTokens } from './useApiTokens.js';

function expiry(expiresAt: string | null): string {
  if (!expiresAt) return 'Never';
  return `${Date.parse(expiresAt) <= Date.now() ? 'Expired ' : ''}${formatDateTime(expiresAt)}`;
}

/** The signed-in user's tokens for scripts and billing systems: create (secret shown once), revoke. */
export function ApiTokensPage() {
  const { impersonator } = useSignedInSession();
  const tokens = useApiTokens();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const rows = tokens.data ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>API tokens</PageTitle>
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          disabled={impersonator !== null}
          onClick={() => setCreating(true)}
        >
          New token
        </Button>
      </Group>
      <Text>
        Scripts and billing systems sign in with a token, sent as <Code>authorization: Bearer …</Code>. A
        token acts as you until it is revoked or expires: with your whole role, or only within the scopes you
        give it, and only from the addresses you allow.
      </Text>
      {impersonator && (
        <Text c="dimmed">API tokens cannot be created while support is logged in as you.</Text>
      )}
      <ScrollTable label="API tokens" minWidth={900}>
        <Table aria-label="API tokens" verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Scopes</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Allowed from</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableState
              columns={7}
              loading={tokens.isPending}
              error={tokens.error}
              empty={rows.length === 0}
              emptyText="No API tokens yet."
            />
            {rows.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>
                  {token.scopes.length === 0 ? (
                    <Text size="sm">Full role</Text>
                  ) : (
                    <Group gap={4}>
                      {token.scopes.map((scope) => (
                        <Badge key={scope} variant="light" tt="none">
                          {scope}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>{expiry(token.expiresAt)}</Table.Td>
                <Table.Td>
                  {token.allowedIps.length === 0 ? 'Any address' : token.allowedIps.join(', ')}
                </Table.Td>
                <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                <Table.Td>
                  {token.lastUsedAt
                    ? `${formatDateTime(token.lastUsedAt)} from ${token.lastUsedIp ?? '—'}`
                    : 'Never'}
                </Table.Td>
                <Table.Td>
                  <IconAction
                    label={`Revoke ${token.name}`}
                    Icon={IconTrash}
                    color="red"
                    onClick={() => setRevoking(token)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {creating && <NewApiTokenDialog onClose={() => setCreating(false)} />}
      {revoking && <RevokeApiTokenDialog token={revoking} onClose={() => setRevoking(null)} />}
    </Stack>
  );
}
