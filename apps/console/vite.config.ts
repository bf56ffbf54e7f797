import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: src/web → dist/web, everything bundled (no CDN, no web fonts: the machines are offline).
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  server: {
    // `npx vite` during development: the API beside it on its default port.
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } },
  },
});
