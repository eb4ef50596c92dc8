import { IconBrandPhp, IconFileText, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import type { Permission, Website } from '../../api/types.js';
import { IconAction } from '../../components/IconAction.js';
import { PhpDialog } from './PhpDialog.js';
import { WebsiteHttpsDialog } from './WebsiteHttpsDialog.js';
import { WebsiteLogsDialog } from './WebsiteLogsDialog.js';

type Props = { resource: Website; customerId: string; permission: Permission };

/** The PHP settings, the HTTPS (certificate, redirect) and the recent logs of one site. */
export function WebsiteActions({ resource: site, customerId, permission }: Props) {
  const [editing, setEditing] = useState<'php' | 'https' | 'logs' | null>(null);
  const close = () => setEditing(null);
  return (
    <>
      <IconAction
        label={`PHP of ${site.domain}`}
        Icon={IconBrandPhp}
        permission={permission}
        onClick={() => setEditing('php')}
      />
      <IconAction
        label={`HTTPS of ${site.domain}`}
        Icon={IconLock}
        permission={permission}
        onClick={() => setEditing('https')}
      />
      {/* Reading the logs changes nothing: whoever sees the site may. */}
      <IconAction label={`Logs of ${site.domain}`} Icon={IconFileText} onClick={() => setEditing('logs')} />
      {editing === 'logs' && <WebsiteLogsDialog site={site} customerId={customerId} onClose={close} />}
      {editing === 'php' && <PhpDialog site={site} customerId={customerId} onClose={close} />}
      {editing === 'https' && <WebsiteHttpsDialog site={site} customerId={customerId} onClose={close} />}
    </>
  );
}
