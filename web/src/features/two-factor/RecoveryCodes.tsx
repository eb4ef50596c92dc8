import { Alert, Button, CopyButton, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

/** The ten recovery codes, shown this once, with a way to copy them all and to go on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Stack>
      <Text>
        Two-factor sign-in is on. If you lose your authenticator app, sign in with one of these recovery codes
        instead; each works once.
      </Text>
      <List aria-label="Recovery codes" listStyleType="none" ff="monospace" fz="lg" spacing={4}>
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Shown only once">
        Store these codes somewhere safe now, such as a password manager. They cannot be shown again.
      </Alert>
      <Group justify="flex-end">
        <CopyButton value={codes.join('\n')} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              onClick={copy}
            >
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>I have saved them</Button>
      </Group>
    </Stack>
  );
}
