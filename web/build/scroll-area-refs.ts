import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const mergeRefs = fileURLToPath(new URL('./merge-refs.ts', import.meta.url));

/**
 * Mantine's ScrollArea, which every Mantine Table carries, imports one small hook from
 * floating-ui's React module; a module is bundled whole into one chunk, so each list's first
 * load would carry all of floating-ui (13.6 KB of brotli) that only tooltips and menus use, and
 * they load later (issue 20, point 9). That one import is given Mantine's own equivalent instead.
 */
export function scrollAreaRefs(): Plugin {
  return {
    name: 'keel-scroll-area-refs',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@floating-ui/react' && importer?.includes('/ScrollArea/ScrollArea.mjs')) {
        return mergeRefs;
      }
      return null;
    },
  };
}
