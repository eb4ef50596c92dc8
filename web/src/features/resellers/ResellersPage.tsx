import { Button, Group, Stack, Table, Title } from '@mantine/core';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Reseller } from '../../api/types.js';
import { formatDate } from '../../components/format.js';
import { IconAction } from '../../components/IconAction.js';
import { ListFooter } from '../../components/list/ListFooter.js';
import { useListParams } from '../../components/list/useListParams.js';
import { TableState } from '../../components/TableState.js';
import { useResellerList } from './queries.js';
import { CreateResellerDialog, DeleteResellerDialog, EditResellerDialog } from './ResellerDialogs.js';

type Open = { dialog: 'create' } | { dialog: 'edit' | 'delete'; reseller: Reseller };

const headers = ['Name', 'Company', 'Email', 'Customers', 'Created', 'Actions'];

export function ResellersPage() {
  const view = useListParams();
  const list = useResellerList(view);
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);
  const rows = list.data?.items ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Resellers
        </Title>
        <Button
          leftSection={<IconPlus size={16} aria-hidden="true" />}
          onClick={() => setOpen({ dialog: 'create' })}
        >
          Create Reseller
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover aria-label="Resellers">
          <Table.Thead>
            <Table.Tr>
              {headers.map((header) => (
                <Table.Th key={header}>{header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableState
              columns={headers.length}
              loading={list.isPending}
              error={list.error}
              empty={rows.length === 0}
              emptyText="No resellers yet."
            />
            {rows.map((reseller) => (
              <Table.Tr key={reseller.id}>
                <Table.Td>{reseller.name}</Table.Td>
                <Table.Td>{reseller.company || '—'}</Table.Td>
                <Table.Td>{reseller.email}</Table.Td>
                <Table.Td>{reseller.customerCount}</Table.Td>
                <Table.Td>{formatDate(reseller.createdAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <IconAction
                      label="Edit"
                      Icon={IconEdit}
                      onClick={() => setOpen({ dialog: 'edit', reseller })}
                    />
                    <IconAction
                      label="Delete"
                      Icon={IconTrash}
                      color="red"
                      onClick={() => setOpen({ dialog: 'delete', reseller })}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListFooter view={view} total={list.data?.total ?? 0} noun="reseller" />
      {open?.dialog === 'create' && <CreateResellerDialog onClose={close} />}
      {open?.dialog === 'edit' && <EditResellerDialog reseller={open.reseller} onClose={close} />}
      {open?.dialog === 'delete' && <DeleteResellerDialog reseller={open.reseller} onClose={close} />}
    </Stack>
  );
}
