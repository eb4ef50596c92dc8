import { Group, NumberInput, Radio, SimpleGrid } from '@mantine/core';
import type { BackupSettings } from '../../api/types.js';
import { useBackupSettings } from './queries.js';
import { type SettingsFieldsProps, SettingsPage } from './SettingsPage.js';
import { useSaveBackupSettings } from './useSaveSettings.js';
import { wholeNumber } from './wholeNumber.js';

function ScheduleFields({ value, onChange }: SettingsFieldsProps<BackupSettings>) {
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
          onChange={(raw) => onChange({ ...value, keepDaily: wholeNumber(raw) })}
        />
        <NumberInput
          label="Keep weekly backups (weeks)"
          description="Besides those, the newest scheduled backup of each of this many last weeks."
          min={0}
          max={520}
          allowDecimal={false}
          value={value.keepWeekly}
          onChange={(raw) => onChange({ ...value, keepWeekly: wholeNumber(raw) })}
        />
      </SimpleGrid>
      <NumberInput
        label="Keep a final backup after a permanent deletion (days)"
        description="0: a permanent deletion deletes the customer's backups and their key. More: it first takes a final backup (if that fails, the deletion stops and says why), then keeps the customer's backups this many days where only an operator can restore from them (keel kept-backups)."
        min={0}
        max={3650}
        allowDecimal={false}
        value={value.keepAfterPurgeDays}
        onChange={(raw) => onChange({ ...value, keepAfterPurgeDays: wholeNumber(raw) })}
      />
    </>
  );
}

export function BackupSettingsPage() {
  const query = useBackupSettings();
  const save = useSaveBackupSettings();
  return <SettingsPage title="Backup settings" query={query} save={save} fields={ScheduleFields} />;
}
