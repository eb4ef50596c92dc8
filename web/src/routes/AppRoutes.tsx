import { Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { PageLoader } from '../app/PageLoader.js';
import { Shell } from '../app/Shell.js';
import { ErrorPanel } from '../components/ErrorPanel.js';
import { LoginPage } from '../features/auth/LoginPage.js';
import { useSession } from '../features/auth/session.js';
import { homeFor } from './navigation.js';
import * as page from './pages.js';
import { RequireRole } from './RequireRole.js';

export function AppRoutes() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // A one-time login link signs in whoever opens it, replacing any session this browser had.
  if (location.pathname === '/login-link') {
    return (
      <Suspense fallback={<PageLoader />}>
        <page.LoginLinkPage onSignedIn={() => navigate('/', { replace: true })} />
      </Suspense>
    );
  }
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorPanel failure={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) return <LoginPage />;
  if (session.data.passwordChangeRequired) {
    return (
      <Suspense fallback={<PageLoader />}>
        <page.ChooseOwnPasswordPage session={session.data} />
      </Suspense>
    );
  }
  if (session.data.twoFactorSetupRequired) {
    return (
      <Suspense fallback={<PageLoader />}>
        <page.SetUpTwoFactorPage session={session.data} />
      </Suspense>
    );
  }

  const home = homeFor(session.data.user.role);
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route element={<RequireRole roles={['admin', 'reseller']} />}>
          <Route path="customers" element={<page.CustomersPage />} />
          <Route path="customers/:customerId" element={<page.CustomerDetailPage />} />
          <Route path="packages" element={<page.PackagesPage />} />
          <Route path="audit" element={<page.AuditPage />} />
        </Route>
        <Route element={<RequireRole roles={['admin']} />}>
          <Route path="resellers" element={<page.ResellersPage />} />
          <Route path="servers" element={<page.ServersPage />} />
          <Route path="settings/security" element={<page.SecuritySettingsPage />} />
          <Route path="settings/platform" element={<page.PlatformSettingsPage />} />
          <Route path="settings/backups" element={<page.BackupSettingsPage />} />
        </Route>
        <Route element={<RequireRole roles={['customer']} />}>
          <Route path="account" element={<page.DashboardPage />} />
          <Route path="account/activity" element={<page.ActivityPage />} />
        </Route>
        <Route path="api-tokens" element={<page.ApiTokensPage />} />
        <Route path="two-factor" element={<page.TwoFactorPage />} />
        <Route path="*" element={<Navigate to={home} replace />} />
      </Route>
    </Routes>
  );
}
