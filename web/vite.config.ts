import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: built into web/dist by `npm install` (the `prepare` script) and served by
// `tollgate serve`/`start` at `/`. `npm run dev:web` proxies the API to a running server.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    fs: { allow: ['..'] },
    proxy: { '/api': process.env.TOLLGATE_URL ?? 'http://127.0.0.1:8080' },
  },
});
