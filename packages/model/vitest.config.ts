import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  // The README example imports the package by name; tests run it against the source.
  resolve: { alias: { '@vbem/model': fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    name: '@vbem/model',
    include: ['test/**/*.test.ts'],
  },
});
