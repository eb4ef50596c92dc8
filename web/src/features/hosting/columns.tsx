import { ProvisioningBadge, type ResourceColumn } from '../account/ResourceSection.js';

type Switched = { enabled: boolean };
type Provisioned = { provisioning: { state: 'pending' | 'ready' | 'error'; error?: string | null } };

/** The customer's own switch of a resource. */
export const enabledColumn: ResourceColumn<Switched> = {
  label: 'Enabled',
  render: (item) => (item.enabled ? 'Yes' : 'No'),
};

/** What the real service has applied, with its error. */
export const stateColumn: ResourceColumn<Provisioned> = {
  label: 'State',
  render: (item) => <ProvisioningBadge provisioning={item.provisioning} />,
};

/** The first page a dashboard shows of one kind. */
export const dashboardPage = (id: string) => ({ params: { path: { id }, query: { page: 1, perPage: 100 } } });
