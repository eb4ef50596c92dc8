import { Checkbox, Fieldset, Group, NumberInput, SimpleGrid, Switch } from '@mantine/core';
import type { PasswordPolicy, Role, SecuritySettings } from '../../api/types.js';
import { useSecuritySettings } from './queries.js';
import { type SettingsFieldsProps, SettingsPage } from './SettingsPage.js';
import { useSaveSecuritySettings } from './useSaveSettings.js';
import { wholeNumber } from './wholeNumber.js';

type PolicySwitch = {
  [K in keyof PasswordPolicy]: PasswordPolicy[K] extends boolean ? K : never;
}[keyof PasswordPolicy];

const roleLabels: { role: Role; label: string }[] = [
  { role: 'admin', label: 'Admins' },
  { role: 'reseller', label: 'Resellers' },
  { role: 'customer', label: 'Customers' },
];

const switches: { name: PolicySwitch; label: string }[] = [
  { name: 'requireUppercase', label: 'Require an uppercase letter' },
  { name: 'requireLowercase', label: 'Require a lowercase letter' },
  { name: 'requireDigit', label: 'Require a digit' },
  { name: 'requireSymbol', label: 'Require a symbol' },
  { name: 'rejectCommon', label: 'Reject common passwords and the user’s own name or email' },
];

function SecurityFields({ value, onChange }: SettingsFieldsProps<SecuritySettings>) {
  const policy = value.passwordPolicy;
  const setPolicy = (changes: Partial<PasswordPolicy>) =>
    onChange({ ...value, passwordPolicy: { ...policy, ...changes } });
  return (
    <>
      <Fieldset legend="Password policy">
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NumberInput
            label="Minimum length"
            min={1}
            allowDecimal={false}
            value={policy.minLength}
            onChange={(raw) => setPolicy({ minLength: wholeNumber(raw) })}
          />
          <NumberInput
            label="Maximum length"
            min={1}
            allowDecimal={false}
            value={policy.maxLength}
            onChange={(raw) => setPolicy({ maxLength: wholeNumber(raw) })}
          />
        </SimpleGrid>
        {switches.map(({ name, label }) => (
          <Switch
            key={name}
            mt="sm"
            label={label}
            checked={policy[name]}
            onChange={(event) => setPolicy({ [name]: event.currentTarget.checked })}
          />
        ))}
      </Fieldset>
      <Fieldset legend="Sessions">
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NumberInput
            label="Idle timeout (minutes)"
            min={1}
            allowDecimal={false}
            value={value.sessionIdleMinutes}
            onChange={(raw) => onChange({ ...value, sessionIdleMinutes: wholeNumber(raw) })}
          />
          <NumberInput
            label="Maximum session length (hours)"
            min={1}
            allowDecimal={false}
            value={value.sessionMaxHours}
            onChange={(raw) => onChange({ ...value, sessionMaxHours: wholeNumber(raw) })}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Customers’ passwords">
        <Switch
          label="Customers choose their own password at the next sign-in after an admin or reseller set one"
          description="Off: the password handed to a new customer stays its password until it changes it."
          checked={value.requirePasswordChangeAfterReset}
          onChange={(event) =>
            onChange({ ...value, requirePasswordChangeAfterReset: event.currentTarget.checked })
          }
        />
      </Fieldset>
      <Fieldset legend="Two-factor sign-in">
        <Checkbox.Group
          label="Require two-factor sign-in for"
          description="A user of a role ticked here sets up two-factor sign-in before anything else, at once."
          value={value.requireTwoFactorFor}
          onChange={(roles) => onChange({ ...value, requireTwoFactorFor: roles as Role[] })}
        >
          <Group mt="xs">
            {roleLabels.map(({ role, label }) => (
              <Checkbox key={role} value={role} label={label} />
            ))}
          </Group>
        </Checkbox.Group>
      </Fieldset>
    </>
  );
}

export function SecuritySettingsPage() {
  const query = useSecuritySettings();
  const save = useSaveSecuritySettings();
  return <SettingsPage title="Security settings" query={query} save={save} fields={SecurityFields} />;
}
