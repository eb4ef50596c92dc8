import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import { PageTitle } from '../../components/PageTitle.js';
import { CodeInput } from '../two-factor/CodeInput.js';
import { useSwitchSession } from './session.js';
import { signInMessage } from './signInMessage.js';

type SecondFactor = { kind: 'code' | 'recoveryCode'; value: string };

export function LoginPage() {
  const switchSession = useSwitchSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Set once the password was right and the account asks for a second factor.
  const [secondFactor, setSecondFactor] = useState<SecondFactor | null>(null);
  const signIn = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/auth/login', {
          body: secondFactor
            ? { email, password, [secondFactor.kind]: secondFactor.value }
            : { email, password },
        }),
      ),
    onSuccess: (answer) => {
      if ('twoFactorRequired' in answer) setSecondFactor({ kind: 'code', value: '' });
      else switchSession(answer);
    },
    meta: { credentialCheck: true },
  });
  const startOver = () => {
    setSecondFactor(null);
    setPassword('');
    signIn.reset();
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            signIn.mutate();
          }}
        >
          <Stack>
            <PageTitle tab="Sign in">Sign in to Keel</PageTitle>
            {signIn.isError && (
              <Alert color="red" variant="light" role="alert">
                {signInMessage(signIn.error)}
              </Alert>
            )}
            {secondFactor ? (
              <>
                <Text>Two-factor sign-in is on for {email}.</Text>
                {secondFactor.kind === 'code' ? (
                  <CodeInput
                    autoFocus
                    value={secondFactor.value}
                    onChange={(value) => setSecondFactor({ kind: 'code', value })}
                  />
                ) : (
                  <TextInput
                    label="Recovery code"
                    description="One of the codes you saved when you turned two-factor sign-in on."
                    autoComplete="off"
                    required
                    autoFocus
                    value={secondFactor.value}
                    onChange={(event) =>
                      setSecondFactor({ kind: 'recoveryCode', value: event.currentTarget.value })
                    }
                  />
                )}
                <Button type="submit" loading={signIn.isPending} fullWidth>
                  Verify
                </Button>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() =>
                    setSecondFactor({
                      kind: secondFactor.kind === 'code' ? 'recoveryCode' : 'code',
                      value: '',
                    })
                  }
                >
                  {secondFactor.kind === 'code'
                    ? 'Use a recovery code instead'
                    : 'Use a code from the app instead'}
                </Anchor>
                <Anchor component="button" type="button" size="sm" onClick={startOver}>
                  Sign in as someone else
                </Anchor>
              </>
            ) : (
              <>
                <TextInput
                  label="Email"
                  type="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                />
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                />
                <Button type="submit" loading={signIn.isPending} fullWidth>
                  Sign in
                </Button>
              </>
            )}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
