import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { Website } from '../../api/types.js';
import { useApiMutation } from '../../components/useApiMutation.js';

/** The PHP versions installed on the server: the only ones a site may choose. */
export function usePhpVersions() {
  return useQuery({
    queryKey: ['settings', 'php-versions'],
    queryFn: () => unwrap(api.GET('/api/v1/settings/php-versions')),
  });
}

export type PhpChoice = { enabled: boolean; version: string | null };

/** Switches the site's PHP and/or its version. */
export function useSavePhp(site: Website, customerId: string, onDone: () => void) {
  return useApiMutation({
    run: ({ enabled, version }: PhpChoice) =>
      unwrap(
        api.PATCH('/api/v1/customers/{id}/websites/{websiteId}', {
          params: { path: { id: customerId, websiteId: site.id } },
          body: { php: version === null ? { enabled } : { enabled, version } },
        }),
      ),
    success: (saved) =>
      saved.php.enabled ? `${saved.domain} runs PHP ${saved.php.version}` : `PHP is off for ${saved.domain}`,
    onDone,
  });
}

export type WebsiteLogKind = 'access' | 'error';

/** The last lines of one site's access or error log, as nginx wrote them. */
export function useWebsiteLog(site: Website, customerId: string, kind: WebsiteLogKind) {
  return useQuery({
    queryKey: ['websites', site.id, 'logs', kind],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/customers/{id}/websites/{websiteId}/logs', {
          params: { path: { id: customerId, websiteId: site.id }, query: { kind, lines: 200 } },
        }),
      ),
  });
}
