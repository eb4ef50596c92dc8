import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import type { Permission, Website } from '../../api/types.js';
import { IconAction } from '../../components/IconAction.js';
import { WebsiteHttpsDialog } from './WebsiteHttpsDialog.js';

type Props = { resource: Website; customerId: string; permission: Permission };

/** "HTTPS" of one website: its certificate and redirect. */
export function WebsiteActions({ resource, customerId, permission }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <IconAction
        label={`HTTPS of ${resource.domain}`}
        Icon={IconLock}
        permission={permission}
        onClick={() => setOpen(true)}
      />
      {open && <WebsiteHttpsDialog site={resource} customerId={customerId} onClose={() => setOpen(false)} />}
    </>
  );
}
