import { List, PasswordInput, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconInfoCircle, IconX } from '@tabler/icons-react';
import type { PasswordPolicy } from '../../api/types.js';
import { checkPolicy } from './policy.js';

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  policy: PasswordPolicy | undefined;
  error?: string;
};

/** A new password, with live feedback against the policy when the caller may read it. */
export function NewPasswordInput({ label, value, onChange, policy, error }: Props) {
  const checks = policy ? checkPolicy(policy, value) : [];
  return (
    <div>
      <PasswordInput
        label={label}
        autoComplete="new-password"
        required
        value={value}
        error={error}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-describedby="password-rules"
      />
      <div id="password-rules" aria-live="polite">
        {checks.length > 0 ? (
          <List size="sm" mt="xs" spacing={2} aria-label="Password rules">
            {checks.map(({ rule, met }) => (
              <List.Item
                key={rule}
                icon={
                  <ThemeIcon size={16} radius="xl" color={met ? 'teal' : 'gray'} aria-hidden="true">
                    {met ? <IconCheck size={12} /> : <IconX size={12} />}
                  </ThemeIcon>
                }
              >
                {rule} {met ? '(met)' : '(not yet)'}
              </List.Item>
            ))}
            {policy?.rejectCommon && (
              <List.Item
                icon={
                  <ThemeIcon size={16} radius="xl" color="blue" aria-hidden="true">
                    <IconInfoCircle size={12} />
                  </ThemeIcon>
                }
              >
                Not a common password, nor your name or email (checked on save)
              </List.Item>
            )}
          </List>
        ) : (
          <Text size="xs" c="dimmed" mt={4}>
            The password policy is checked when you save; any rule it breaks is listed.
          </Text>
        )}
      </div>
    </div>
  );
}
