import { IconBrandPhp, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import type { Permission, Website } from '../../api/types.js';
import { IconAction } from '../../components/IconAction.js';
import { PhpDialog } from './PhpDialog.js';
import { WebsiteHttpsDialog } from './WebsiteHttpsDialog.js';

type Props = { resource: Website; customerId: string; permission: Permission };

/** The PHP settings and the HTTPS (certificate, redirect) of one site. */
export function WebsiteActions({ resource: site, customerId, permission }: Props) {
  const [editing, setEditing] = useState<'php' | 'https' | null>(null);
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
      {editing === 'php' && <PhpDialog site={site} customerId={customerId} onClose={close} />}
      {editing === 'https' && <WebsiteHttpsDialog site={site} customerId={customerId} onClose={close} />}
    </>
  );
}
