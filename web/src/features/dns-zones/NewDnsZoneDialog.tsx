import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import { FormDialog } from '../../components/FormDialog.js';
import { useCreateDnsZone } from './useDnsZoneChanges.js';

/** Adds a zone by its domain; its records are edited afterwards. */
export function NewDnsZoneDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const [domain, setDomain] = useState('');
  const create = useCreateDnsZone(customerId, onClose);
  const invalid = create.error instanceof ApiProblem ? create.error.fieldMessages() : {};
  return (
    <FormDialog
      title="Add DNS zone"
      submitLabel="Add zone"
      busy={create.isPending}
      failure={create.error}
      onSubmit={() => create.mutate(domain)}
      onClose={onClose}
    >
      <TextInput
        label="Domain"
        description="The zone's name, such as example.com. Keel's name servers answer for it."
        required
        maxLength={300}
        value={domain}
        error={invalid.domain}
        onChange={(event) => setDomain(event.currentTarget.value)}
      />
    </FormDialog>
  );
}
