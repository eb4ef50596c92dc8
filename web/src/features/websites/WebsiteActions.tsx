import { IconBrandPhp } from '@tabler/icons-react';
import { useState } from 'react';
import type { Permission, Website } from '../../api/types.js';
import { IconAction } from '../../components/IconAction.js';
import { PhpDialog } from './PhpDialog.js';

type Props = { resource: Website; customerId: string; permission: Permission };

/** The PHP settings of one site. */
export function WebsiteActions({ resource: site, customerId, permission }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <IconAction
        label={`PHP of ${site.domain}`}
        Icon={IconBrandPhp}
        permission={permission}
        onClick={() => setEditing(true)}
      />
      {editing && <PhpDialog site={site} customerId={customerId} onClose={() => setEditing(false)} />}
    </>
  );
}
