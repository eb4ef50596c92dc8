import { NumberInput } from '@mantine/core';
import { useState } from 'react';
import { usePlatformSettings } from './queries.js';
import { SettingsPage } from './SettingsPage.js';
import { useSavePlatformSettings } from './useSaveSettings.js';

export function PlatformSettingsPage() {
  const query = usePlatformSettings();
  const save = useSavePlatformSettings();
  const [days, setDays] = useState<number | null>(null);
  const shown = days ?? query.data?.permanentDeleteAfterDays ?? 0;

  return (
    <SettingsPage
      title="Platform settings"
      query={query}
      busy={save.isPending}
      failure={save.error}
      onSave={() => save.mutate({ permanentDeleteAfterDays: shown })}
    >
      {() => (
        <NumberInput
          label="Permanently delete soft-deleted customers after (days)"
          description="A deleted customer can be restored until then. 0 deletes customers permanently at once."
          min={0}
          max={3650}
          allowDecimal={false}
          value={shown}
          onChange={(value) => setDays(typeof value === 'number' ? value : 0)}
        />
      )}
    </SettingsPage>
  );
}
