import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Resolve the root from this file, so the config works from the repository root
// (`npx vite build --config web/vite.config.ts`) and from inside web/ alike.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // React, antd and typebox (which the contracts' enum arrays bring along) share a chunk of ~720 kB
    // minified (~235 kB gzipped); the staff console is split off and loaded on demand.
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/ledger': 'http://localhost:3000',
      '/witness': 'http://localhost:3000',
    },
  },
});
