import { NumberInput } from '@mantine/core';
import { IconGauge } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { ApiProblem, unwrap } from '../../api/problem.js';
import type { Mailbox, Permission } from '../../api/types.js';
import { FormDialog } from '../../components/FormDialog.js';
import { IconAction } from '../../components/IconAction.js';
import { useApiMutation } from '../../components/useApiMutation.js';
import { ChangePasswordAction } from '../hosting/ChangePasswordAction.js';

type Props = { resource: Mailbox; customerId: string };
type Dialog = Props & { onClose: () => void };
const path = (customerId: string, mailbox: Mailbox) => ({ path: { id: customerId, mailboxId: mailbox.id } });

/** Changes how many megabytes the mailbox may hold. */
function MailboxQuotaDialog({ resource: mailbox, customerId, onClose }: Dialog) {
  const [quotaMb, setQuotaMb] = useState<number | string>(mailbox.quotaMb);
  const change = useApiMutation({
    run: () =>
      unwrap(
        api.PATCH('/api/v1/customers/{id}/mailboxes/{mailboxId}', {
          params: path(customerId, mailbox),
          body: { quotaMb: Number(quotaMb) },
        }),
      ),
    success: (changed) => `Quota of ${changed.address} set to ${changed.quotaMb} MB`,
    onDone: onClose,
  });
  const onField = change.error instanceof ApiProblem ? change.error.fieldMessages().quotaMb : undefined;
  return (
    <FormDialog
      title={`Quota of ${mailbox.address}`}
      submitLabel="Save quota"
      busy={change.isPending}
      failure={onField ? null : change.error}
      onSubmit={() => change.mutate(undefined)}
      onClose={onClose}
    >
      <NumberInput
        label="Quota (MB)"
        description="Mail beyond it is not stored; senders are told the mailbox is full."
        required
        data-autofocus
        min={1}
        max={1048576}
        allowDecimal={false}
        value={quotaMb}
        error={onField}
        onChange={setQuotaMb}
      />
    </FormDialog>
  );
}

/** "Quota" and "Change Password" of one mailbox. */
export function MailboxActions({ resource, customerId, permission }: Props & { permission: Permission }) {
  const [editingQuota, setEditingQuota] = useState(false);
  return (
    <>
      <IconAction
        label={`Quota of ${resource.address}`}
        Icon={IconGauge}
        permission={permission}
        onClick={() => setEditingQuota(true)}
      />
      <ChangePasswordAction
        permission={permission}
        name={resource.address}
        login={resource.address}
        loginLabel="Mailbox"
        consequence="Mail programs that sign in with the old one are refused from then on."
        generate={() =>
          unwrap(
            api.POST('/api/v1/customers/{id}/mailboxes/{mailboxId}/password', {
              params: path(customerId, resource),
              body: {},
            }),
          )
        }
      />
      {editingQuota && (
        <MailboxQuotaDialog
          resource={resource}
          customerId={customerId}
          onClose={() => setEditingQuota(false)}
        />
      )}
    </>
  );
}
