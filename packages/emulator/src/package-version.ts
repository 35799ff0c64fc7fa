import { createRequire } from 'node:module';

/** This package's version, from its package.json: one level above both `src/` and `dist/`. */
export const PACKAGE_VERSION: string = (
  createRequire(import.meta.url)('../package.json') as { version: string }
).version;
