import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  resolve: {
    alias: {
      '@vbem/emulator': source('./src/index.ts'),
      '@vbem/xml': source('../xml/src/index.ts'),
      '@vbem/model': source('../model/src/index.ts'),
    },
  },
  test: {
    name: '@vbem/emulator',
    include: ['test/**/*.test.ts'],
    // Some tests start the CLI several times over: seconds each on a loaded 2-core host.
    testTimeout: 20_000,
  },
});
