import { SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { AnyHostingKind } from '../hosting/hosting-kind.js';
import { hostingKinds } from '../hosting/kinds.js';
import { ResourceSection } from './ResourceSection.js';

function ResourceList({ kind, customerId }: { kind: AnyHostingKind; customerId: string }) {
  const list = useQuery({
    queryKey: ['customers', customerId, kind.plural],
    queryFn: () => kind.list(customerId),
    retry: false,
  });
  return (
    <ResourceSection
      title={kind.title}
      items={list.data?.items}
      loading={list.isPending}
      error={list.error}
      columns={kind.columns(customerId)}
      keyOf={(item: { id: string }) => item.id}
      action={kind.action?.(customerId)}
    />
  );
}

/** The customer's resources of every kind the server offers. */
export function CustomerResources({ customerId }: { customerId: string }) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      {hostingKinds.map((kind) => (
        <ResourceList key={kind.title} kind={kind} customerId={customerId} />
      ))}
    </SimpleGrid>
  );
}
