import { lazy } from 'react';

// The dialogs, and what only they use (Select, Modal, the one-time password), load when one is
// first opened rather than with the list.
export const CreateCustomerDialog = lazy(() =>
  import('./CreateCustomerDialog.js').then((m) => ({ default: m.CreateCustomerDialog })),
);
export const CustomerDialogs = lazy(() =>
  import('./CustomerDialogs.js').then((m) => ({ default: m.CustomerDialogs })),
);
// The bulk actions' bar and dialogs load with the first customer chosen.
export const BulkCustomerBar = lazy(() =>
  import('./BulkCustomerBar.js').then((m) => ({ default: m.BulkCustomerBar })),
);
