import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = { label: string; minWidth: number; children: ReactNode };

/**
 * A table that scrolls sideways on narrow screens; the scrolling region can take keyboard
 * focus, so it can be scrolled without a mouse even when its cells hold no buttons.
 */
export function ScrollTable({ label, minWidth, children }: Props) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
