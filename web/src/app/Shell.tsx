import { AppShell, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogout } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useSignedInSession } from '../features/auth/session.js';
import { useSignOut } from '../features/auth/useSignOut.js';
import {
  ImpersonationBanner,
  impersonationBannerHeight,
} from '../features/impersonation/ImpersonationBanner.js';
import { useReturnAfterImpersonation } from '../features/impersonation/useReturnAfterImpersonation.js';
import { navigationFor } from '../routes/navigation.js';
import { PageLoader } from './PageLoader.js';

const barHeight = 56;

// Only asked while logged in as a customer, so it loads then, not with every page.
const SignOutChoiceDialog = lazy(() =>
  import('../features/impersonation/SignOutChoiceDialog.js').then((m) => ({
    default: m.SignOutChoiceDialog,
  })),
);

/** The signed-in frame: header, role navigation, impersonation banner, page. */
export function Shell() {
  const { user, impersonator } = useSignedInSession();
  const [navOpened, nav] = useDisclosure(false);
  const signOut = useSignOut();
  const [choosingSignOut, setChoosingSignOut] = useState(false);
  useReturnAfterImpersonation(Boolean(impersonator));
  const { pathname } = useLocation();

  return (
    <AppShell
      header={{
        height: impersonator
          ? { base: barHeight + impersonationBannerHeight.base, sm: barHeight + impersonationBannerHeight.sm }
          : barHeight,
      }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <AppShell.Header>
        {impersonator && <ImpersonationBanner customer={user} />}
        <Group h={barHeight} px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
            />
            <Title order={2} size="h3">
              Keel
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm" truncate maw={260}>
              {user.name}
            </Text>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconLogout size={16} aria-hidden="true" />}
              loading={signOut.isPending}
              onClick={() => (impersonator ? setChoosingSignOut(true) : signOut.mutate())}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <Stack gap={4}>
          {navigationFor(user.role).map((section) => (
            <Stack gap={2} key={section.label ?? 'main'}>
              {section.label && (
                <Text size="xs" fw={700} c="dimmed" px="sm" pt="sm" tt="uppercase">
                  {section.label}
                </Text>
              )}
              {section.items.map((item) => (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={item.label}
                  onClick={nav.close}
                  active={pathname === item.to}
                  variant="filled"
                  aria-current={pathname === item.to ? 'page' : undefined}
                />
              ))}
            </Stack>
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <Suspense fallback={null}>
        {choosingSignOut && impersonator && (
          <SignOutChoiceDialog customerName={user.name} onClose={() => setChoosingSignOut(false)} />
        )}
      </Suspense>
    </AppShell>
  );
}
