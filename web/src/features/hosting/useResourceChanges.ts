import { useApiMutation } from '../../components/useApiMutation.js';
import type { AnyHostingKind, HostedResource } from './hosting-kind.js';

/** "Website shop.example.com", as toasts begin. */
function named(kind: AnyHostingKind, resource: HostedResource): string {
  return `${kind.noun.charAt(0).toUpperCase()}${kind.noun.slice(1)} ${kind.nameOf(resource)}`;
}

export function useSwitchResource(kind: AnyHostingKind, customerId: string, resource: HostedResource) {
  return useApiMutation({
    run: (enabled: boolean) => kind.setEnabled(customerId, resource, enabled),
    success: (_, enabled) => `${named(kind, resource)} switched ${enabled ? 'on' : 'off'}`,
  });
}

export function useDeleteResource(kind: AnyHostingKind, customerId: string, resource: HostedResource) {
  return useApiMutation({
    run: () => kind.remove(customerId, resource),
    success: () => `${named(kind, resource)} deleted`,
  });
}
