import type { CustomerStatus } from '../../api/types.js';
import { StatusBadge } from '../../components/StatusBadge.js';

const look: Record<CustomerStatus, { color: string; label: string }> = {
  active: { color: 'teal', label: 'Active' },
  suspended: { color: 'orange', label: 'Suspended' },
  deleted: { color: 'red', label: 'Deleted' },
};

export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  return <StatusBadge {...look[status]} />;
}
