import { IconList } from '@tabler/icons-react';
import { useState } from 'react';
import type { DnsZone, Permission } from '../../api/types.js';
import { IconAction } from '../../components/IconAction.js';
import { DnsRecordsDialog } from './DnsRecordsDialog.js';

type Props = { resource: DnsZone; customerId: string; permission: Permission };

/** Edit the records of one zone. */
export function DnsZoneActions({ resource: zone, customerId, permission }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <IconAction
        label={`Records of ${zone.domain}`}
        Icon={IconList}
        permission={permission}
        onClick={() => setEditing(true)}
      />
      {editing && <DnsRecordsDialog zone={zone} customerId={customerId} onClose={() => setEditing(false)} />}
    </>
  );
}
