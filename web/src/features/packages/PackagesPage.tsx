import { Button, Group, Stack, Table, Title } from '@mantine/core';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { HostingPackage } from '../../api/types.js';
import { IconAction } from '../../components/IconAction.js';
import { ListFooter } from '../../components/list/ListFooter.js';
import { useListParams } from '../../components/list/useListParams.js';
import { TableState } from '../../components/TableState.js';
import { useSignedInSession } from '../auth/session.js';
import { formatLimit, limitLabels, limitNames } from './limits.js';
import { CreatePackageDialog, DeletePackageDialog, EditPackageDialog } from './PackageDialogs.js';
import { usePackageList } from './queries.js';

type Open = { dialog: 'create' } | { dialog: 'edit' | 'delete'; hostingPackage: HostingPackage };

export function PackagesPage() {
  const { user } = useSignedInSession();
  const isAdmin = user.role === 'admin';
  const view = useListParams();
  const list = usePackageList(view);
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);
  const rows = list.data?.items ?? [];
  const headers = [
    'Name',
    ...(isAdmin ? ['Owner'] : []),
    ...limitNames.map((limit) => limitLabels[limit]),
    'Actions',
  ];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Packages
        </Title>
        <Button
          leftSection={<IconPlus size={16} aria-hidden="true" />}
          onClick={() => setOpen({ dialog: 'create' })}
        >
          Create Package
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={860}>
        <Table striped highlightOnHover aria-label="Packages">
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
              emptyText="No packages yet."
            />
            {rows.map((hostingPackage) => (
              <Table.Tr key={hostingPackage.id}>
                <Table.Td>{hostingPackage.name}</Table.Td>
                {isAdmin && <Table.Td>{hostingPackage.owner?.name ?? 'Admin'}</Table.Td>}
                {limitNames.map((limit) => (
                  <Table.Td key={limit}>{formatLimit(hostingPackage.limits[limit])}</Table.Td>
                ))}
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <IconAction
                      label="Edit"
                      Icon={IconEdit}
                      onClick={() => setOpen({ dialog: 'edit', hostingPackage })}
                    />
                    <IconAction
                      label="Delete"
                      Icon={IconTrash}
                      color="red"
                      onClick={() => setOpen({ dialog: 'delete', hostingPackage })}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListFooter view={view} total={list.data?.total ?? 0} noun="package" />
      {open?.dialog === 'create' && <CreatePackageDialog onClose={close} />}
      {open?.dialog === 'edit' && <EditPackageDialog hostingPackage={open.hostingPackage} onClose={close} />}
      {open?.dialog === 'delete' && (
        <DeletePackageDialog hostingPackage={open.hostingPackage} onClose={close} />
      )}
    </Stack>
  );
}
