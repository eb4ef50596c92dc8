import { Group, NumberInput, Radio, SimpleGrid } from '@mantine/core';
import { useState } from 'react';
import type { BackupSettings } from '../../api/types.js';
import { useBackupSettings } from './queries.js';
import { SettingsPage } from './SettingsPage.js';
import { useSaveBackupSettings } from './useSaveSettings.js';

function ScheduleFields({
  value,
  onChange,
}: {
  value: BackupSettings;
  onChange: (next: BackupSettings) => void;
}) {
  const number = (raw: string | number) => (typeof raw === 'number' ? raw : 0);
  return (
    <>
      <Radio.Group
        label="Scheduled backups"
        description="Daily: every customer that is not deleted is backed up once every 24 hours. Backups taken with “Back up now” are kept until deleted."
        value={value.schedule}
        onChange={(schedule) => onChange({ ...value, schedule: schedule as BackupSettings['schedule'] })}
      >
        <Group mt="xs">
          <Radio value="off" label="Off" />
          <Radio value="daily" label="Daily" />
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <NumberInput
          label="Keep daily backups (days)"
          description="The newest scheduled backup of each of this many last days."
          min={0}
          max={366}
          allowDecimal={false}
          value={value.keepDaily}
          onChange={(raw) => onChange({ ...value, keepDaily: number(raw) })}
        />
        <NumberInput
          label="Keep weekly backups (weeks)"
          description="Besides those, the newest scheduled backup of each of this many last weeks."
          min={0}
          max={520}
          allowDecimal={false}
          value={value.keepWeekly}
          onChange={(raw) => onChange({ ...value, keepWeekly: number(raw) })}
        />
      </SimpleGrid>
    </>
  );
}

export function BackupSettingsPage() {
  const query = useBackupSettings();
  const save = useSaveBackupSettings();
  const [edited, setEdited] = useState<BackupSettings | null>(null);

  return (
    <SettingsPage
      title="Backup settings"
      query={query}
      busy={save.isPending}
      failure={save.error}
      onSave={() => {
        const settings = edited ?? query.data;
        if (settings) save.mutate(settings);
      }}
    >
      {(loaded) => <ScheduleFields value={edited ?? loaded} onChange={setEdited} />}
    </SettingsPage>
  );
}
