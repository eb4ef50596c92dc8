import { Button, Group, Text } from '@mantine/core';
import { IconList, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { DnsZone } from '../../api/types.js';
import { DeleteDialog } from '../../components/DeleteDialog.js';
import { IconAction } from '../../components/IconAction.js';
import { DnsRecordsDialog } from './DnsRecordsDialog.js';
import { NewDnsZoneDialog } from './NewDnsZoneDialog.js';
import { useDeleteDnsZone } from './useDnsZoneChanges.js';

/** "Add DNS zone" above the customer's zones. */
export function AddDnsZoneButton({ customerId }: { customerId: string }) {
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setAdding(true)}>
        Add DNS zone
      </Button>
      {adding && <NewDnsZoneDialog customerId={customerId} onClose={() => setAdding(false)} />}
    </>
  );
}

function DeleteDnsZoneDialog({
  zone,
  customerId,
  onClose,
}: {
  zone: DnsZone;
  customerId: string;
  onClose: () => void;
}) {
  const remove = useDeleteDnsZone(zone, customerId);
  return (
    <DeleteDialog title={`Delete ${zone.domain}?`} remove={remove} onClose={onClose}>
      <Text size="sm">
        Keel's name servers stop answering for {zone.domain}, and its records are gone for good.
      </Text>
    </DeleteDialog>
  );
}

/** Edit the records of one zone, or delete it. */
export function DnsZoneActions({ zone, customerId }: { zone: DnsZone; customerId: string }) {
  const [open, setOpen] = useState<'records' | 'delete' | null>(null);
  const close = () => setOpen(null);
  return (
    <Group gap={4} wrap="nowrap">
      <IconAction label={`Records of ${zone.domain}`} Icon={IconList} onClick={() => setOpen('records')} />
      <IconAction
        label={`Delete ${zone.domain}`}
        Icon={IconTrash}
        color="red"
        onClick={() => setOpen('delete')}
      />
      {open === 'records' && <DnsRecordsDialog zone={zone} customerId={customerId} onClose={close} />}
      {open === 'delete' && <DeleteDnsZoneDialog zone={zone} customerId={customerId} onClose={close} />}
    </Group>
  );
}
