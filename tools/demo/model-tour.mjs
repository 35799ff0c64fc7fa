// `npm run demo` until the CLI exists: the model at work on the documented EM responses.
import { readdirSync, readFileSync } from 'node:fs';
import { objectTypeDescriptors, rootElements } from '@vbem/model';

const fixtureDir = new URL('../../schemas/fixtures/em-docs/', import.meta.url);
const rootOf = (xml) =>
  /<([A-Za-z]+)[\s>/]/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''))?.[1];

console.log('vbem: the EM types behind the documented responses\n');
console.log(
  `${'document'.padEnd(44)}${'root element'.padEnd(26)}model type (elements in XSD order)`,
);
for (const file of readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.xml'))
  .sort()) {
  const root = rootOf(readFileSync(new URL(file, fixtureDir), 'utf8'));
  const type = rootElements[root];
  const elements = type ? objectTypeDescriptors[type].elements.map((f) => f.name) : [];
  const shown =
    elements.length > 4
      ? `${elements.slice(0, 4).join(', ')}, … (${elements.length})`
      : elements.join(', ');
  console.log(
    `${file.padEnd(44)}${root.padEnd(26)}${type ?? 'UNKNOWN'}${shown ? `: ${shown}` : ''}`,
  );
}
console.log(
  `\n${Object.keys(objectTypeDescriptors).length} object types, ${Object.keys(rootElements).length} root elements.`,
);
