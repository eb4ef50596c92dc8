import { NumberInput, Text } from '@mantine/core';
import { IconGauge, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { ApiProblem, unwrap } from '../../api/problem.js';
import type { Mailbox } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { FormDialog } from '../../components/FormDialog.js';
import { IconAction } from '../../components/IconAction.js';
import { MutationError } from '../../components/MutationError.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';

type Props = { resource: Mailbox; customerId: string };
type Dialog = Props & { onClose: () => void };
const path = (customerId: string, mailbox: Mailbox) => ({ path: { id: customerId, mailboxId: mailbox.id } });

/** Generates a new password for the mailbox, and shows it once. */
function ChangeMailboxPasswordDialog({ resource: mailbox, customerId, onClose }: Dialog) {
  const [generated, setGenerated] = useState<string | null>(null);
  const change = useApiMutation({
    run: () =>
      unwrap(
        api.POST('/api/v1/customers/{id}/mailboxes/{mailboxId}/password', {
          params: path(customerId, mailbox),
          body: {},
        }),
      ),
    success: () => `New password of ${mailbox.address} generated`,
    onDone: (answer) => setGenerated(answer && 'password' in answer ? answer.password : null),
  });
  if (generated) {
    return (
      <OneTimeSecretDialog
        title={`New password of ${mailbox.address}`}
        login={mailbox.address}
        loginLabel="Mailbox"
        secret={generated}
        onClose={onClose}
      />
    );
  }
  return (
    <ConfirmDialog
      title={`Change Password of ${mailbox.address}?`}
      confirmLabel="Generate Password"
      busy={change.isPending}
      onConfirm={() => change.mutate(undefined)}
      onClose={onClose}
    >
      <Text size="sm">
        A new password is generated for {mailbox.address} and shown to you once. Mail programs that sign in
        with the old one are refused from then on.
      </Text>
      <MutationError failure={change.error} />
    </ConfirmDialog>
  );
}

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

/** "Change Password" and "Quota" of one mailbox. */
export function MailboxActions({ resource, customerId }: Props) {
  const [open, setOpen] = useState<'password' | 'quota' | null>(null);
  const close = () => setOpen(null);
  return (
    <>
      <IconAction label={`Quota of ${resource.address}`} Icon={IconGauge} onClick={() => setOpen('quota')} />
      <IconAction
        label={`Change Password of ${resource.address}`}
        Icon={IconKey}
        onClick={() => setOpen('password')}
      />
      {open === 'quota' && <MailboxQuotaDialog resource={resource} customerId={customerId} onClose={close} />}
      {open === 'password' && (
        <ChangeMailboxPasswordDialog resource={resource} customerId={customerId} onClose={close} />
      )}
    </>
  );
}
