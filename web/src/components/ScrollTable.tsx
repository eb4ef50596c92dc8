import { Box } from '@mantine/core';
import { type CSSProperties, type ReactNode, useLayoutEffect, useRef } from 'react';
import './scroll-table.css';

type Props = { label: string; minWidth: number; children: ReactNode };

/** Gives every body cell its column's name, which the phone-width layout shows before the value. */
function nameCells(region: HTMLElement) {
  const names = [...region.querySelectorAll('thead th')].map((header) => header.textContent?.trim() ?? '');
  for (const row of region.querySelectorAll('tbody tr'))
    [...row.children].forEach((cell, column) => {
      const name = names[column] ?? '';
      if (cell.getAttribute('data-label') !== name) cell.setAttribute('data-label', name);
    });
}

/**
 * A table that scrolls sideways on narrow screens and turns into one card per row at phone width
 * (scroll-table.css); the scrolling region can take keyboard focus, so it can be scrolled without
 * a mouse even when its cells hold no buttons.
 */
export function ScrollTable({ label, minWidth, children }: Props) {
  const region = useRef<HTMLDivElement>(null);
  // The tables' owners write plain cells; the column names come from the header row, once here,
  // after each render (the rows only change when their owner renders this again).
  useLayoutEffect(() => {
    if (region.current) nameCells(region.current);
  });
  return (
    <Box
      ref={region}
      role="region"
      aria-label={label}
      tabIndex={0}
      className="keel-scroll-table"
      style={{ overflowX: 'auto' }}
    >
      <Box
        className="keel-scroll-table__content"
        style={{ '--scroll-table-min-width': `${minWidth}px` } as CSSProperties}
      >
        {children}
      </Box>
    </Box>
  );
}
