import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The web app. Workspace packages whose schemas the forms share are bundled from their TypeScript sources
// (they are CommonJS when built for Node); they hold zod schemas only, no server code.
export default defineConfig({
  root: here('./src/web'),
  plugins: [react()],
  resolve: {
    alias: {
      '@peiyu/contracts': here('../../packages/contracts/src/index.ts'),
      '@peiyu/registry': here('../registry/src/index.ts'),
      // The services' request schemas, each a server-free file (their package index is the pure core).
      '@peiyu/assessment/schemas': here('../assessment/src/schemas.ts'),
      '@peiyu/certification/schemas': here('../certification/src/schemas.ts'),
      '@peiyu/subsidy/schemas': here('../subsidy/src/schemas.ts'),
    },
  },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: { antd: ['antd'], echarts: ['echarts'] },
      },
      // zod ships comments rollup cannot place (harmless, dropped): keep the build output for real warnings.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
  // `npx vite --config vite.config.mts` during development: API and sign-in from a running portal.
  server: { proxy: { '/api': 'http://127.0.0.1:4000', '/auth': 'http://127.0.0.1:4000' } },
});
