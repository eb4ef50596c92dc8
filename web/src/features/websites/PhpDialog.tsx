import { Select, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import type { Website } from '../../api/types.js';
import { FormDialog } from '../../components/FormDialog.js';
import { usePhpVersions, useSavePhp } from './queries.js';

type Props = { site: Website; customerId: string; onClose: () => void };

/** PHP on or off for one site, and its version among those the server has installed. */
export function PhpDialog({ site, customerId, onClose }: Props) {
  const installed = usePhpVersions();
  const versions = installed.data?.versions ?? [];
  const [enabled, setEnabled] = useState(site.php.enabled);
  const [version, setVersion] = useState(site.php.version ?? versions.at(-1) ?? null);
  const save = useSavePhp(site, customerId, onClose);
  const chosen = version ?? versions.at(-1) ?? null;
  return (
    <FormDialog
      title={`PHP of ${site.domain}`}
      submitLabel="Save PHP settings"
      busy={save.isPending}
      failure={save.error}
      onSubmit={() => save.mutate({ enabled, version: chosen })}
      onClose={onClose}
    >
      <Text size="sm">
        PHP runs as the customer's own user, limited to its home directory. While the customer is suspended or
        deleted, none of it runs.
      </Text>
      {installed.isSuccess && versions.length === 0 && (
        <Text size="sm" c="red.8">
          No PHP version is installed on this server.
        </Text>
      )}
      <Switch
        label="Run PHP"
        checked={enabled}
        disabled={versions.length === 0 && !site.php.enabled}
        onChange={(event) => setEnabled(event.currentTarget.checked)}
      />
      <Select
        label="PHP version"
        description="Only the versions installed on this server."
        data={versions}
        value={chosen}
        allowDeselect={false}
        disabled={!enabled || versions.length === 0}
        onChange={(value) => value && setVersion(value)}
      />
    </FormDialog>
  );
}
