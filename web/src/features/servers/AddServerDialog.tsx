import { Checkbox, Group, NumberInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiProblem } from '../../api/problem.js';
import type { ServerRole } from '../../api/types.js';
import { FormDialog } from '../../components/FormDialog.js';
import { OneTimeSecretDialog } from '../../components/OneTimeSecretDialog.js';
import { agentCommand } from './agent-command.js';
import { ServerGroupInput } from './ServerGroupInput.js';
import { serverRoles } from './server-roles.js';
import { useAddServer } from './useServers.js';

/** Names a new hosting server and what it hosts, then shows the command that enrolls its agent, once. */
export function AddServerDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<ServerRole[]>(['web', 'database', 'mail', 'ftp']);
  const [capacity, setCapacity] = useState<number | string>(500);
  const [group, setGroup] = useState('');
  const [enrolled, setEnrolled] = useState<{ name: string; token: string } | null>(null);
  const add = useAddServer((server, token) => setEnrolled({ name: server.name, token }));
  const invalid = add.error instanceof ApiProblem ? add.error.fieldMessages() : {};

  if (enrolled)
    return (
      <OneTimeSecretDialog
        title={`Enroll ${enrolled.name}`}
        secretLabel="Agent command"
        secret={agentCommand(enrolled.token)}
        onClose={onClose}
      />
    );
  return (
    <FormDialog
      title="Add server"
      submitLabel="Add server"
      busy={add.isPending}
      failure={add.error}
      onSubmit={() => add.mutate({ name, roles, capacity: Number(capacity), group: group.trim() || null })}
      onClose={onClose}
    >
      <TextInput
        label="Name"
        description="How the panel names it: “web-2”, “mail.example.net”."
        required
        maxLength={100}
        value={name}
        error={invalid.name}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <Checkbox.Group
        label="Roles"
        description="What it hosts. New customers are placed on an online server with every role they need."
        value={roles}
        error={invalid.roles}
        onChange={(value) => setRoles(value as ServerRole[])}
      >
        <Group mt="xs">
          {serverRoles.map((role) => (
            <Checkbox key={role.value} value={role.value} label={role.label} />
          ))}
        </Group>
      </Checkbox.Group>
      <NumberInput
        label="Capacity"
        description="How many customers it should hold; placement prefers the server with the most room."
        min={1}
        max={1_000_000}
        value={capacity}
        error={invalid.capacity}
        onChange={setCapacity}
      />
      <ServerGroupInput
        label="Group"
        description="Optional, e.g. “eu-west”: a package bound to this group places its customers on the group's servers only."
        value={group}
        error={invalid.group}
        onChange={setGroup}
      />
    </FormDialog>
  );
}
