import { Modal, type ModalProps } from '@mantine/core';

/** Mantine's Modal with an accessible close button and mobile-friendly sizing. */
export function AppModal(props: ModalProps) {
  return <Modal centered closeButtonProps={{ 'aria-label': 'Close' }} {...props} />;
}
