import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: { '@ztt/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Pages are loaded per route (App.tsx). React itself goes in a chunk of its own: it changes
    // least often, so browsers keep it cached across releases. Vite's 500 kB warning is on.
    rollupOptions: {
      output: { manualChunks: (id: string) => (/[\\/]node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/.test(id) ? 'react' : undefined) },
    },
  },
  server: { port: 4200, proxy: { '/api': 'http://localhost:3000' } },
});
