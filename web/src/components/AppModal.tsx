import { Modal, type ModalProps } from '@mantine/core';
import { useEffect, useState } from 'react';

/**
 * Gives focus back to what opened the dialog when the dialog leaves the page. Dialogs here are
 * removed rather than closed, which Mantine's own return-focus does not cover.
 */
function useReturnFocusOnUnmount() {
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useEffect(
    () => () => {
      if (opener?.isConnected) opener.focus();
    },
    [opener],
  );
}

/** Mantine's Modal with an accessible close button, centered, returning focus when removed. */
export function AppModal(props: ModalProps) {
  useReturnFocusOnUnmount();
  return <Modal centered closeButtonProps={{ 'aria-label': 'Close' }} {...props} />;
}
