import { ActionIcon } from '@mantine/core';
import { type ComponentType, useId } from 'react';
import type { Permission } from '../api/types.js';
import { Hint } from './Hint.js';

export type IconComponent = ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;

type Props = {
  label: string;
  Icon: IconComponent;
  color?: string | undefined;
  /** The server's permission for this action; a refused one is disabled and says why. */
  permission?: Permission;
  onClick: () => void;
  /** Smaller in dense lists, where the row's height is the button's. */
  size?: 'sm' | 'md';
};

/**
 * An icon button with an accessible name and the same text as tooltip. A refused action stays
 * focusable and hoverable (aria-disabled, not disabled), so its tooltip and its accessible
 * description can give the server's reason.
 */
export function IconAction({ label, Icon, color, permission, onClick, size = 'md' }: Props) {
  const reasonId = useId();
  const refusal = permission && !permission.allowed ? (permission.reason ?? 'Not allowed') : null;
  if (refusal === null) {
    return (
      <Hint label={label}>
        <ActionIcon variant="subtle" size={size} color={color} aria-label={label} onClick={onClick}>
          <Icon size={18} aria-hidden />
        </ActionIcon>
      </Hint>
    );
  }
  return (
    <Hint label={`${label}: ${refusal}`}>
      <ActionIcon
        variant="subtle"
        size={size}
        color={color}
        aria-label={label}
        aria-disabled
        aria-describedby={reasonId}
        data-disabled
      >
        <Icon size={18} aria-hidden />
        <span id={reasonId} hidden>
          {refusal}
        </span>
      </ActionIcon>
    </Hint>
  );
}
