import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { ApiProblem, unwrap } from '../../api/problem.js';
import { FormDialog } from '../../components/FormDialog.js';
import { useApiMutation } from '../../components/useApiMutation.js';

/** Adds a command run on a schedule as the customer's own user, in its home. */
export function NewCronJobDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const [schedule, setSchedule] = useState('');
  const [command, setCommand] = useState('');
  const create = useApiMutation({
    run: () =>
      unwrap(
        api.POST('/api/v1/customers/{id}/cron-jobs', {
          params: { path: { id: customerId } },
          body: { schedule, command },
        }),
      ),
    success: (job) => `Cron job ${job.command} added`,
    onDone: onClose,
  });
  const failure = create.error;
  const fields = failure instanceof ApiProblem ? failure.fieldMessages() : {};
  return (
    <FormDialog
      title="Add cron job"
      submitLabel="Add cron job"
      busy={create.isPending}
      failure={fields.schedule || fields.command ? null : failure}
      onSubmit={() => create.mutate(undefined)}
      onClose={onClose}
    >
      <TextInput
        label="Schedule"
        description="Five cron fields in UTC — minute, hour, day of month, month, day of week — such as */15 * * * * or 30 2 * * mon; or @hourly, @daily, @weekly."
        required
        data-autofocus
        maxLength={100}
        value={schedule}
        error={fields.schedule}
        onChange={(event) => setSchedule(event.currentTarget.value)}
      />
      <TextInput
        label="Command"
        description="One line, run by /bin/sh as the customer's own user in its home, such as php sites/shop/cron.php. It is stopped after the server's time limit; its last lines of output are kept."
        required
        maxLength={1000}
        value={command}
        error={fields.command}
        onChange={(event) => setCommand(event.currentTarget.value)}
      />
    </FormDialog>
  );
}
