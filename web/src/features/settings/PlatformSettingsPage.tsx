import { NumberInput } from '@mantine/core';
import type { PlatformSettings } from '../../api/types.js';
import { usePlatformSettings } from './queries.js';
import { type SettingsFieldsProps, SettingsPage } from './SettingsPage.js';
import { useSavePlatformSettings } from './useSaveSettings.js';
import { wholeNumber } from './wholeNumber.js';

function RetentionField({ value, onChange }: SettingsFieldsProps<PlatformSettings>) {
  return (
    <NumberInput
      label="Permanently delete soft-deleted customers after (days)"
      description="A deleted customer can be restored until then. 0 deletes customers permanently at once."
      min={0}
      max={3650}
      allowDecimal={false}
      value={value.permanentDeleteAfterDays}
      onChange={(raw) => onChange({ ...value, permanentDeleteAfterDays: wholeNumber(raw) })}
    />
  );
}

export function PlatformSettingsPage() {
  const query = usePlatformSettings();
  const save = useSavePlatformSettings();
  return <SettingsPage title="Platform settings" query={query} save={save} fields={RetentionField} />;
}
