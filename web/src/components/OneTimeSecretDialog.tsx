import { ActionIcon, Alert, Button, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { AppModal } from './AppModal.js';

type Props = {
  title: string;
  login?: string;
  /** What the login is: an email unless said otherwise (a database user). */
  loginLabel?: string;
  /** What the secret is: a password unless said otherwise (an API token, the command that enrolls an agent). */
  secretLabel?: 'Password' | 'Token' | 'Agent command';
  secret: string;
  onClose: () => void;
};

/** Shows a generated password or token once, with a Copy button and a plain warning. */
export function OneTimeSecretDialog({
  title,
  login,
  loginLabel = 'Email',
  secretLabel = 'Password',
  secret,
  onClose,
}: Props) {
  const noun = secretLabel.toLowerCase();
  return (
    <AppModal opened onClose={onClose} title={title} closeOnClickOutside={false}>
      <Stack>
        {login && (
          <div>
            <Text size="sm" fw={600}>
              {loginLabel}
            </Text>
            <Text>{login}</Text>
          </div>
        )}
        <div>
          <Text size="sm" fw={600} id="one-time-secret-label">
            {secretLabel}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code aria-labelledby="one-time-secret-label" fz="md" style={{ wordBreak: 'break-all' }}>
              {secret}
            </Code>
            <CopyButton value={secret} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : `Copy ${noun}`} withArrow>
                  <ActionIcon
                    variant="light"
                    color={copied ? 'teal' : undefined}
                    onClick={copy}
                    aria-label={copied ? 'Copied' : `Copy ${noun}`}
                  >
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </div>
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Shown only once">
          Copy this {noun} now. It is shown only once and cannot be retrieved later.
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
