import { Anchor, Code, Text } from '@mantine/core';
import { useState } from 'react';
import type { CronJob } from '../../api/types.js';
import { AppModal } from '../../components/AppModal.js';
import { formatDateTime } from '../../components/format.js';

/** When the job last ran and how it ended; its output's last lines in a dialog. */
export function CronJobLastRun({ job }: { job: CronJob }) {
  const [showing, setShowing] = useState(false);
  const run = job.lastRun;
  if (!run) return <Text size="sm">Not yet</Text>;
  return (
    <>
      <Text size="sm">
        {formatDateTime(run.at)} · exit {run.exitCode ?? '—'}{' '}
        <Anchor component="button" type="button" size="sm" onClick={() => setShowing(true)}>
          Output
        </Anchor>
      </Text>
      {showing && (
        <AppModal opened size="lg" onClose={() => setShowing(false)} title={`Last run of ${job.command}`}>
          <Text size="sm" mb="xs">
            {formatDateTime(run.at)}, exit code {run.exitCode ?? 'none'}. The last lines of its output:
          </Text>
          <Code block>{run.output === '' ? '(no output)' : run.output}</Code>
        </AppModal>
      )}
    </>
  );
}
