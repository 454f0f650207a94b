import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = fileURLToPath(new URL('./src', import.meta.url));

export default defineConfig({
  resolve: {
    // Examples and cross-module tests import the package by name, as hosts do; resolve the name
    // to the sources so no build is needed to run the suite.
    alias: [{ find: /^tandem-cx(\/.*)?$/, replacement: `${src}$1/index.ts` }],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'dist/**', 'test/package/scratch/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
