import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { HostingPackage, PackageLimits } from '../../api/types.js';
import { useApiMutation } from '../../components/useApiMutation.js';

/** `serverGroup` is sent by admins only: the API refuses it from a reseller. */
export type PackageFields = { name: string; limits: PackageLimits; serverGroup?: string | null };

export function useCreatePackage() {
  return useApiMutation({
    run: (body: PackageFields) => unwrap(api.POST('/api/v1/packages', { body })),
    success: (created) => `Package ${created.name} created`,
  });
}

export function useUpdatePackage(hostingPackage: HostingPackage) {
  return useApiMutation({
    run: (body: PackageFields) =>
      unwrap(api.PATCH('/api/v1/packages/{id}', { params: { path: { id: hostingPackage.id } }, body })),
    success: (saved) => `Package ${saved.name} saved`,
  });
}

export function useDeletePackage(hostingPackage: HostingPackage) {
  return useApiMutation({
    run: () => unwrap(api.DELETE('/api/v1/packages/{id}', { params: { path: { id: hostingPackage.id } } })),
    success: () => `Package ${hostingPackage.name} deleted`,
  });
}
