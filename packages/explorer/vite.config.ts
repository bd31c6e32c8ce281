import { defaultClientConditions, defineConfig } from 'vite';

// The explorer is a static page: `vite build` writes it to dist/ (index.html and hashed assets/),
// which the gateway serves at `/` (createGateway's `site` option). In development, `vite` serves
// it with hot reload and forwards the API paths to a running gateway (GATEWAY_URL, default :4000).
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, as in the tests: no stale build.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One small page: no source maps shipped, assets hashed for immutable caching.
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/graphql': gateway,
      '/health': gateway,
      '/supply': gateway,
    },
  },
});
