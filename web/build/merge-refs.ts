import { useMergedRef } from '@mantine/hooks';
import type { Ref } from 'react';

/** floating-ui's useMergeRefs (a list of refs), for Mantine's ScrollArea: see scroll-area-refs.ts. */
export function useMergeRefs<T>(refs: Array<Ref<T> | undefined>) {
  return useMergedRef(...refs);
}
