import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@vbem/codegen',
    include: ['test/**/*.test.ts'],
  },
});
