import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './web/build/precompress.js';
import { scrollAreaRefs } from './web/build/scroll-area-refs.js';

// The panel is a single-page app under web/; the server serves web/dist at `/`.
export default defineConfig({
  root: 'web',
  plugins: [react(), scrollAreaRefs(), precompress()],
  resolve: {
    // react-router's package exports only its development build (extra checks and warnings); the
    // panel ships the production build it also contains.
    alias: {
      'react-router': fileURLToPath(
        new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url),
      ),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Everything the entry imports statically goes into the entry's one chunk: it is always loaded
    // together, and one file compresses better than the four small shared chunks rolldown would
    // make of it (114 KB of brotli instead of 119 for the sign-in page). Lazy pages keep their own.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } } },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
    },
  },
});
