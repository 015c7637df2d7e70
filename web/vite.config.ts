import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// codemirror-json-schema renders schema descriptions with markdown-it and shiki (themes, a grammar,
// and an engine it never loads); the YAML editor uses a small renderer of its own instead.
const schemaMarkdown: Plugin = {
  name: 'tollgate-schema-markdown',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source === '../utils/markdown' && importer?.includes('codemirror-json-schema') === true) {
      return join(import.meta.dirname, 'src/features/builder/yaml/schema-markdown.ts');
    }
    return null;
  },
};

// The web app: built into web/dist by `npm install` (the `prepare` script) and served by
// `tollgate serve`/`start` at `/`. `npm run dev:web` proxies the API to a running server.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), schemaMarkdown],
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
