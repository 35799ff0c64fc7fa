import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const documentedDir = fileURLToPath(
  new URL('../../../schemas/fixtures/em-docs/', import.meta.url),
);
export const vbemMadeDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Every XML fixture: the documented EM responses and the vbem-made ones, by file name. */
export const xmlFixtures: readonly { readonly file: string; readonly xml: string }[] = [
  documentedDir,
  vbemMadeDir,
].flatMap((dir) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.xml'))
    .sort()
    .map((file) => ({ file, xml: readFileSync(join(dir, file), 'utf8') })),
);

export const readDocumented = (file: string): string =>
  readFileSync(join(documentedDir, file), 'utf8');
