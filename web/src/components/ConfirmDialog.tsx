import { Button, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { AppModal } from './AppModal.js';

type Props = {
  title: string;
  confirmLabel: string;
  color?: string;
  busy: boolean;
  canConfirm?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
};

/** A dialog asking the operator to confirm one action, with Cancel focused by default. */
export function ConfirmDialog({
  title,
  confirmLabel,
  color,
  busy,
  canConfirm = true,
  onConfirm,
  onClose,
  children,
}: Props) {
  return (
    <AppModal opened onClose={onClose} title={title}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (canConfirm) onConfirm();
        }}
      >
        <Stack>
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              Cancel
            </Button>
            <Button type="submit" color={color} loading={busy} disabled={!canConfirm}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
