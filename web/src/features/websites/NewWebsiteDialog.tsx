import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import { useApiMutation } from '../../components/useApiMutation.js';
import { AddResourceDialog } from '../hosting/AddResourceDialog.js';

/** Adds a website by its domain; Keel gives it a document root with a default page and a vhost. */
export function NewWebsiteDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const create = useApiMutation({
    run: (domain: string) =>
      unwrap(
        api.POST('/api/v1/customers/{id}/websites', {
          params: { path: { id: customerId } },
          body: { domain },
        }),
      ),
    success: (site) => `Website ${site.domain} added`,
    onDone: onClose,
  });
  return (
    <AddResourceDialog
      title="Add website"
      submitLabel="Add website"
      field={{
        name: 'domain',
        label: 'Domain',
        description: 'Such as example.com. The site gets a default page until its files are uploaded.',
        maxLength: 300,
      }}
      taken="domain-taken"
      create={create}
      onClose={onClose}
    />
  );
}
