import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  // Tests and the README example run against the sources of this package and of @vbem/model.
  resolve: {
    alias: {
      '@vbem/xml': source('./src/index.ts'),
      '@vbem/model': source('../model/src/index.ts'),
    },
  },
  test: {
    name: '@vbem/xml',
    include: ['test/**/*.test.ts'],
    // Property tests and large documents take seconds with every project running on two cores.
    testTimeout: 20_000,
  },
});
