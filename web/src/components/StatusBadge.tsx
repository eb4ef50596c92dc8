import { Badge } from '@mantine/core';

/** A state as a coloured dot and a word (the light variants' text is too faint on their tint). */
export function StatusBadge({ color, label }: { color: string; label: string }) {
  return (
    <Badge
      color={color}
      variant="dot"
      size="sm"
      tt="none"
      // The label is a flex item with overflow hidden, so a narrow table column cut it to "Ac…".
      styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {label}
    </Badge>
  );
}
