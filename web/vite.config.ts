/** Builds the web page (web/) into dist/web: one HTML file and hashed assets, no CDN, served by the API at `/`. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  // Relative asset URLs: the page also works behind a reverse proxy that mounts it under a path.
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: join(here, '..', 'dist', 'web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Readable stack traces for bug reports cost ~1 MB of .map files nobody downloads unless asked.
    sourcemap: false,
    target: 'es2022',
    // cytoscape alone is ~430 kB minified; one chunk keeps the page to three requests.
    chunkSizeWarningLimit: 1024,
  },
});
