import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@vbem/model',
    include: ['test/**/*.test.ts'],
  },
});
