import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import { ApiProblem, unwrap } from '../../api/problem.js';
import { PageTitle } from '../../components/PageTitle.js';
import { useSwitchSession } from './session.js';
import { signInMessage } from './signInMessage.js';

/** The server says why a link did not work (used, expired); other refusals read as a login's. */
const linkMessage = (failure: unknown) =>
  failure instanceof ApiProblem && failure.status === 401 ? failure.message : signInMessage(failure);

/**
 * Redeems a one-time login link from a billing system (`/login-link#<secret>`): the secret is
 * taken out of the address bar at once, sent once, and the customer lands in its own panel.
 */
export function LoginLinkPage({ onSignedIn }: { onSignedIn: () => void }) {
  const switchSession = useSwitchSession();
  const [secret] = useState(() => window.location.hash.slice(1));
  const redeem = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/login-link', { body: { token: secret } })),
    onSuccess: (session) => {
      switchSession(session);
      onSignedIn();
    },
    meta: { credentialCheck: true },
  });
  const { mutate } = redeem;
  // A link works once: never send it twice, even if the effect runs again.
  const sent = useRef(false);

  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
    if (secret && !sent.current) {
      sent.current = true;
      mutate();
    }
  }, [secret, mutate]);

  const failed = redeem.isError || !secret;
  return (
    <Center mih="100vh" p="md" component="main">
      <Stack maw={420} align="center">
        <PageTitle tab="Signing in">Signing in to Keel</PageTitle>
        {failed ? (
          <>
            <Alert color="red" variant="light" role="alert">
              {redeem.isError ? linkMessage(redeem.error) : 'This login link is incomplete.'} Ask for a new
              link, or sign in with your password.
            </Alert>
            <Button component="a" href="/">
              Sign in with your password
            </Button>
          </>
        ) : (
          <Loader aria-label="Signing in" />
        )}
      </Stack>
    </Center>
  );
}
