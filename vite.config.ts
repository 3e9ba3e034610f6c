import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app: index.html at the repository root, sources in src/web, built into dist/web, which the
 * Fastify server serves (see WEB_DIST in src/server/app.ts). `vite` (dev server) proxies /api to a
 * Gotong server on port 3000.
 */
export default defineConfig({
  plugins: [react()],
  publicDir: false,
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': { target: process.env.GOTONG_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
