import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  resolve: {
    alias: {
      '@vbem/client': source('./src/index.ts'),
      '@vbem/model': source('../model/src/index.ts'),
      '@vbem/xml': source('../xml/src/index.ts'),
      '@vbem/emulator': source('../emulator/src/index.ts'),
    },
  },
  test: {
    name: '@vbem/client',
    include: ['test/**/*.test.ts'],
    // Most tests talk to a real emulator over loopback: on a loaded 2-core host a few take seconds.
    testTimeout: 20_000,
  },
});
