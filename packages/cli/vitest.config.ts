import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  resolve: {
    alias: {
      '@vbem/cli': source('./src/index.ts'),
      '@vbem/client': source('../client/src/index.ts'),
      '@vbem/model': source('../model/src/index.ts'),
      '@vbem/xml': source('../xml/src/index.ts'),
      '@vbem/emulator': source('../emulator/src/index.ts'),
      '@vbem/reporting': source('../reporting/src/index.ts'),
    },
  },
  test: {
    name: '@vbem/cli',
    include: ['test/**/*.test.ts'],
    // End-to-end tests start the built CLI as a subprocess against an emulator.
    testTimeout: 30_000,
  },
});
