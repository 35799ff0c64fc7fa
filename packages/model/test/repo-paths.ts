import { fileURLToPath } from 'node:url';

/** Folders of the repository that the model's tests read. */
export const schemaDir = fileURLToPath(new URL('../../../schemas/em/', import.meta.url));
export const fixtureDir = fileURLToPath(
  new URL('../../../schemas/fixtures/em-docs/', import.meta.url),
);
export const generatedIndex = fileURLToPath(
  new URL('../src/generated/index.gen.ts', import.meta.url),
);
