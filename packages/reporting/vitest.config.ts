import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  resolve: {
    alias: {
      '@vbem/reporting': source('./src/index.ts'),
      '@vbem/model': source('../model/src/index.ts'),
      '@vbem/xml': source('../xml/src/index.ts'),
      '@vbem/emulator': source('../emulator/src/index.ts'),
    },
  },
  test: {
    name: '@vbem/reporting',
    include: ['test/**/*.test.ts'],
    // Tests of very large reports and the browser test take seconds on a busy 2-core machine;
    // none of them checks a time.
    testTimeout: 30_000,
  },
});
