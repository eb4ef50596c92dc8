import { Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = { label: ReactNode; target: HTMLElement; opened: boolean };

/** Mantine's Tooltip placed beside its target, opened and closed by the Hint that loaded it. */
export function HintTooltip({ label, target, opened }: Props) {
  return <Tooltip label={label} target={target} opened={opened} withArrow />;
}
