import { Title } from '@mantine/core';
import { useEffect } from 'react';

type Props = {
  children: string;
  /** What the browser tab says before " · Keel", when it should be shorter than the heading. */
  tab?: string;
};

/** A page's heading, which also names the browser tab ("Customers · Keel"). */
export function PageTitle({ children, tab = children }: Props) {
  useEffect(() => {
    document.title = `${tab} · Keel`;
    return () => {
      document.title = 'Keel';
    };
  }, [tab]);
  return (
    <Title order={1} size="h2">
      {children}
    </Title>
  );
}
