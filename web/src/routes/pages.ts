import { lazy } from 'react';

// Every page is its own chunk, so the first load carries only the frame and sign-in. Choosing
// one's own password is a page too: few sessions ever see it.
export const ChooseOwnPasswordPage = lazy(() =>
  import('../features/auth/ChooseOwnPasswordPage.js').then((m) => ({ default: m.ChooseOwnPasswordPage })),
);
// Opened only from a billing system's one-time link.
export const LoginLinkPage = lazy(() =>
  import('../features/auth/LoginLinkPage.js').then((m) => ({ default: m.LoginLinkPage })),
);
export const CustomersPage = lazy(() =>
  import('../features/customers/CustomersPage.js').then((m) => ({ default: m.CustomersPage })),
);
export const CustomerDetailPage = lazy(() =>
  import('../features/customers/CustomerDetailPage.js').then((m) => ({ default: m.CustomerDetailPage })),
);
export const ResellersPage = lazy(() =>
  import('../features/resellers/ResellersPage.js').then((m) => ({ default: m.ResellersPage })),
);
export const ServersPage = lazy(() =>
  import('../features/servers/ServersPage.js').then((m) => ({ default: m.ServersPage })),
);
export const PackagesPage = lazy(() =>
  import('../features/packages/PackagesPage.js').then((m) => ({ default: m.PackagesPage })),
);
export const SecuritySettingsPage = lazy(() =>
  import('../features/settings/SecuritySettingsPage.js').then((m) => ({ default: m.SecuritySettingsPage })),
);
export const PlatformSettingsPage = lazy(() =>
  import('../features/settings/PlatformSettingsPage.js').then((m) => ({ default: m.PlatformSettingsPage })),
);
export const BackupSettingsPage = lazy(() =>
  import('../features/settings/BackupSettingsPage.js').then((m) => ({ default: m.BackupSettingsPage })),
);
export const AuditPage = lazy(() =>
  import('../features/audit/AuditPage.js').then((m) => ({ default: m.AuditPage })),
);
export const DashboardPage = lazy(() =>
  import('../features/account/DashboardPage.js').then((m) => ({ default: m.DashboardPage })),
);
export const ApiTokensPage = lazy(() =>
  import('../features/tokens/ApiTokensPage.js').then((m) => ({ default: m.ApiTokensPage })),
);
export const TwoFactorPage = lazy(() =>
  import('../features/two-factor/TwoFactorPage.js').then((m) => ({ default: m.TwoFactorPage })),
);
export const SetUpTwoFactorPage = lazy(() =>
  import('../features/two-factor/SetUpTwoFactorPage.js').then((m) => ({ default: m.SetUpTwoFactorPage })),
);
export const ActivityPage = lazy(() =>
  import('../features/account/ActivityPage.js').then((m) => ({ default: m.ActivityPage })),
);
