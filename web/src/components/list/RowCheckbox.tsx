import { useEffect, useRef } from 'react';

type Props = {
  label: string;
  checked: boolean;
  /** Some but not all: the page's header box when only part of the page is selected. */
  indeterminate?: boolean;
  onChange: (checked: boolean) => void;
};

/**
 * A list's selection box. The browser's own checkbox (in the theme's colour), not Mantine's: the
 * list's first load then carries no checkbox code, and every row has one.
 */
export function RowCheckbox({ label, checked, indeterminate = false, onChange }: Props) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={box}
      type="checkbox"
      aria-label={label}
      checked={checked}
      onChange={(event) => onChange(event.currentTarget.checked)}
      style={{
        width: 16,
        height: 16,
        margin: 0,
        // Beside a long name in the row's flex line, the box keeps its size; the name is cut.
        flexShrink: 0,
        verticalAlign: 'middle',
        cursor: 'pointer',
        accentColor: 'var(--mantine-primary-color-filled)',
      }}
    />
  );
}
