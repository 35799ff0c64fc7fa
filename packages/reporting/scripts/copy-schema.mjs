// Ships the report document's JSON Schema in the package: copies schemas/report/ into dist/, where
// the `./session-report.schema.json` export points. Run by `build`, after tsc.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(
  new URL('../../../schemas/report/session-report.schema.json', import.meta.url),
);
const target = fileURLToPath(new URL('../dist/session-report.schema.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../dist/', import.meta.url)), { recursive: true });
copyFileSync(source, target);
