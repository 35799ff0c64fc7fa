import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  // The README example imports the package by name; tests run it against the source.
  resolve: { alias: { '@vbem/model': fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    name: '@vbem/model',
    include: ['test/**/*.test.ts'],
    // Property tests and large documents take seconds with every project running on two cores.
    testTimeout: 20_000,
  },
});
