import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(new URL('./packages/gateway/package.json', import.meta.url));

// One test run over every package. The `source` condition resolves workspace
// packages to their TypeScript sources, so tests never run against a stale build.
export default defineConfig({
  resolve: {
    conditions: ['source'],
    // Node loads graphql's CommonJS build for yoga and Pothos; our sources must get
    // the same copy, or `instanceof GraphQLError` fails between the two (the dual
    // package hazard), as it never does in production.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/{src,tests}/**/*.test.ts', 'tools/tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ['default', './tools/summary-reporter.ts'],
  },
});
