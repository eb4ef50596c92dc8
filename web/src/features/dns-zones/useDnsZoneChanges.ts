import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { DnsZone } from '../../api/types.js';
import { useApiMutation } from '../../components/useApiMutation.js';

export type DnsRecordDraft = {
  name: string;
  type: DnsZone['records'][number]['type'];
  ttl: number;
  value: string;
};

export function useCreateDnsZone(customerId: string, onDone: () => void) {
  return useApiMutation({
    run: (domain: string) =>
      unwrap(
        api.POST('/api/v1/customers/{id}/dns-zones', {
          params: { path: { id: customerId } },
          body: { domain },
        }),
      ),
    success: (zone) => `DNS zone ${zone.domain} added`,
    onDone,
  });
}

/** Replaces every record of the zone. */
export function useSaveDnsRecords(zone: DnsZone, customerId: string, onDone: () => void) {
  return useApiMutation({
    run: (records: DnsRecordDraft[]) =>
      unwrap(
        api.PATCH('/api/v1/customers/{id}/dns-zones/{zoneId}', {
          params: { path: { id: customerId, zoneId: zone.id } },
          body: { records },
        }),
      ),
    success: () => `Records of ${zone.domain} saved`,
    onDone,
  });
}
