import { SimpleGrid } from '@mantine/core';
import type { Customer } from '../../api/types.js';
import { MailDnsRecords } from '../mail/MailDnsRecords.js';
import { hostingKinds } from './kinds.js';
import { ResourceSection } from './ResourceSection.js';
import { useCustomerLimits } from './useCustomerLimits.js';

/** The customer's resources of every kind the server offers, managed in place. */
export function CustomerResources({ customer }: { customer: Customer }) {
  const limits = useCustomerLimits(customer);
  return (
    <SimpleGrid cols={{ base: 1, xl: 2 }}>
      {hostingKinds.map((kind) => (
        <ResourceSection key={kind.title} kind={kind} customer={customer} limits={limits} />
      ))}
      <MailDnsRecords customerId={customer.id} />
    </SimpleGrid>
  );
}
