import { IconList } from '@tabler/icons-react';
import { useState } from 'react';
import type { DnsZone } from '../../api/types.js';
import { IconAction } from '../../components/IconAction.js';
import { DnsRecordsDialog } from './DnsRecordsDialog.js';

/** Edit the records of one zone. */
export function DnsZoneActions({ resource: zone, customerId }: { resource: DnsZone; customerId: string }) {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <IconAction label={`Records of ${zone.domain}`} Icon={IconList} onClick={() => setEditing(true)} />
      {editing && <DnsRecordsDialog zone={zone} customerId={customerId} onClose={() => setEditing(false)} />}
    </>
  );
}
