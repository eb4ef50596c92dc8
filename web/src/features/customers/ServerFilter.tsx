import { NativeSelect } from '@mantine/core';
import type { ListParams } from '../../components/list/useListParams.js';
import { useServers } from '../servers/useServers.js';

/** Customers of one server: offered once there is more than the panel's own. */
export function ServerFilter({ view }: { view: ListParams }) {
  const servers = useServers().data?.items ?? [];
  if (servers.length < 2) return null;
  return (
    <NativeSelect
      label="Server"
      data={[
        { value: '', label: 'All servers' },
        ...servers.map((server) => ({ value: server.id, label: server.name })),
      ]}
      value={view.filter('serverId')}
      onChange={(event) => view.update({ serverId: event.currentTarget.value })}
    />
  );
}
