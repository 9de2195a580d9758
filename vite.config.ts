import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

// The staff console: built into dist/admin and served by the app at /admin/.
export default defineConfig({
  root: path.join(import.meta.dirname, 'src/admin'),
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: path.join(import.meta.dirname, 'dist/admin'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
