import { Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import type { Permission } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { IconAction } from '../../components/IconAction.js';
import { MutationError } from '../../components/MutationError.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';

type Props = {
  /** How the row names the resource: "Change Password of <name>". */
  name: string;
  /** The login whose password changes, and what it is ("Database user", "FTP user"). */
  login: string;
  loginLabel: string;
  /** What the new password means, after "A new password is generated … and shown to you once." */
  consequence: string;
  /** Asks the server for a generated password; answers it (or nothing for a 204). */
  generate: () => Promise<{ password: string } | null | undefined>;
};

/** With the customer's `changeResources`: refused (a deleted customer), the action says why. */
type ActionProps = Props & { permission: Permission };

function ChangePasswordDialog({
  login,
  loginLabel,
  consequence,
  generate,
  onClose,
}: Props & { onClose: () => void }) {
  const [generated, setGenerated] = useState<string | null>(null);
  const change = useApiMutation({
    run: generate,
    success: () => `New password of ${login} generated`,
    onDone: (answer) => setGenerated(answer && 'password' in answer ? answer.password : null),
  });
  if (generated) {
    return (
      <OneTimeSecretDialog
        title={`New password of ${login}`}
        login={login}
        loginLabel={loginLabel}
        secret={generated}
        onClose={onClose}
      />
    );
  }
  return (
    <ConfirmDialog
      title={`Change Password of ${login}?`}
      confirmLabel="Generate Password"
      busy={change.isPending}
      onConfirm={() => change.mutate(undefined)}
      onClose={onClose}
    >
      <Text size="sm">
        A new password is generated for {login} and shown to you once. {consequence}
      </Text>
      <MutationError failure={change.error} />
    </ConfirmDialog>
  );
}

/** "Change Password" of a resource's login: a generated one, shown once. */
export function ChangePasswordAction({ permission, ...props }: ActionProps) {
  const [changing, setChanging] = useState(false);
  return (
    <>
      <IconAction
        label={`Change Password of ${props.name}`}
        Icon={IconKey}
        permission={permission}
        onClick={() => setChanging(true)}
      />
      {changing && <ChangePasswordDialog {...props} onClose={() => setChanging(false)} />}
    </>
  );
}
