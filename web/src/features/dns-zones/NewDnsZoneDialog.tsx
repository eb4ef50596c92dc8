import { AddResourceDialog } from '../hosting/AddResourceDialog.js';
import { useCreateDnsZone } from './useDnsZoneChanges.js';

/** Adds a zone by its domain; its records are edited afterwards. */
export function NewDnsZoneDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const create = useCreateDnsZone(customerId, onClose);
  return (
    <AddResourceDialog
      title="Add DNS zone"
      submitLabel="Add zone"
      field={{
        name: 'domain',
        label: 'Domain',
        description: "The zone's name, such as example.com. Keel's name servers answer for it.",
        maxLength: 300,
      }}
      taken="zone-taken"
      create={create}
      onClose={onClose}
    />
  );
}
