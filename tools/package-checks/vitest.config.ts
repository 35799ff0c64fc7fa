import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@vbem/package-checks',
    include: ['test/**/*.test.ts'],
    // npm pack and npm install dominate; both are local (tarballs, npm cache).
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
