import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { NewReseller, Reseller } from '../../api/types.js';
import { useApiMutation } from '../../components/useApiMutation.js';

export function useCreateReseller() {
  return useApiMutation({
    run: (body: NewReseller) => unwrap(api.POST('/api/v1/resellers', { body })),
    success: ({ reseller }) => `Reseller ${reseller.name} created`,
  });
}

export function useUpdateReseller(reseller: Reseller) {
  return useApiMutation({
    run: (body: Partial<NewReseller>) =>
      unwrap(api.PATCH('/api/v1/resellers/{id}', { params: { path: { id: reseller.id } }, body })),
    success: (saved) => `Reseller ${saved.name} saved`,
  });
}

export function useDeleteReseller(reseller: Reseller) {
  return useApiMutation({
    run: () => unwrap(api.DELETE('/api/v1/resellers/{id}', { params: { path: { id: reseller.id } } })),
    success: () => `Reseller ${reseller.name} deleted`,
  });
}
