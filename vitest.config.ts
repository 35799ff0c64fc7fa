import { defineConfig } from 'vitest/config';

// One root config: every workspace package with a test/ folder is a vitest project.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
  },
});
