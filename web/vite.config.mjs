// Builds the web console (web/) into dist/web, which the service serves at GET /.
// Everything is bundled: no CDN, no web fonts, no inline script or style (a strict CSP of 'self' holds).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    // WEB_OUT_DIR: scripts/build.mjs builds into a fresh folder and swaps it in.
    outDir: process.env.WEB_OUT_DIR ?? join(here, '..', 'dist', 'web'),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    sourcemap: false,
  },
});
