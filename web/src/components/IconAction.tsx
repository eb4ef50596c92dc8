import { ActionIcon, Tooltip } from '@mantine/core';
import type { ComponentType } from 'react';

export type IconComponent = ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;

type Props = { label: string; Icon: IconComponent; color?: string | undefined; onClick: () => void };

/** An icon button with an accessible name and the same text as tooltip. */
export function IconAction({ label, Icon, color, onClick }: Props) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color={color} aria-label={label} onClick={onClick}>
        <Icon size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}
