import { Badge } from '@mantine/core';
import type { CustomerStatus } from '../../api/types.js';

const look: Record<CustomerStatus, { color: string; label: string }> = {
  active: { color: 'teal', label: 'Active' },
  suspended: { color: 'orange', label: 'Suspended' },
  deleted: { color: 'red', label: 'Deleted' },
};

export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  const { color, label } = look[status];
  return (
    <Badge
      color={color}
      variant="dot"
      size="sm"
      tt="none"
      // The label is a flex item with overflow hidden, so a narrow table column cut it to "Ac…".
      styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {label}
    </Badge>
  );
}
