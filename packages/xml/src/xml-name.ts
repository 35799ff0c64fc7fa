import { shownName } from './quote-value.js';

// For each ASCII code: 2 may start a name, 1 may only continue one, 0 is not in names.
const ASCII_NAME = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const character = String.fromCharCode(code);
  if (/[A-Za-z_:]/.test(character)) ASCII_NAME[code] = 2;
  else if (/[-.0-9]/.test(character)) ASCII_NAME[code] = 1;
}

/**
 * Whether a non-ASCII UTF-16 unit may be in an XML 1.0 name (NameChar; both halves of a
 * surrogate pair of planes 1 to 14 count). U+1680 and U+FEFF are XML name characters but
 * JavaScript white space, where fast-xml-parser would split the name: they are left out.
 */
function isNonAsciiNameUnit(code: number): boolean {
  return (
    code === 0xb7 ||
    (code >= 0xc0 && code <= 0x37d && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x37f && code <= 0x1fff && code !== 0x1680) ||
    code === 0x200c ||
    code === 0x200d ||
    code === 0x203f ||
    code === 0x2040 ||
    (code >= 0x2070 && code <= 0x218f) ||
    (code >= 0x2c00 && code <= 0x2fef) ||
    (code >= 0x3001 && code <= 0xdb7f) ||
    (code >= 0xdc00 && code <= 0xdfff) ||
    (code >= 0xf900 && code <= 0xfdcf) ||
    (code >= 0xfdf0 && code <= 0xfffd && code !== 0xfeff)
  );
}

const isNameStart = (code: number): boolean =>
  code < 128
    ? ASCII_NAME[code] === 2
    : isNonAsciiNameUnit(code) &&
      code !== 0xb7 &&
      !(code >= 0x300 && code <= 0x36f) &&
      code !== 0x203f &&
      code !== 0x2040 &&
      !(code >= 0xdc00 && code <= 0xdfff);

/** The offset of the first character at or after `from` that cannot be in an XML name. */
export function nameEnd(xml: string, from: number, n: number): number {
  let k = from;
  while (k < n) {
    const code = xml.charCodeAt(k);
    if (code < 128 ? ASCII_NAME[code] === 0 : !isNonAsciiNameUnit(code)) break;
    k++;
  }
  return k;
}

/**
 * Why a non-empty run of name characters is not a qualified name (`Name` or `prefix:Name`), or
 * undefined. Only the first character and the colons need a look: `nameEnd` checked the rest.
 */
export function qualifiedNameProblem(name: string): string | undefined {
  if (!isNameStart(name.charCodeAt(0)))
    return `name ${shownName(name)} does not start with a letter or '_'`;
  const colon = name.indexOf(':');
  if (
    colon !== -1 &&
    (colon === 0 ||
      name.indexOf(':', colon + 1) !== -1 ||
      colon === name.length - 1 ||
      !isNameStart(name.charCodeAt(colon + 1)))
  )
    return `name ${shownName(name)} is not a valid prefixed name`;
  return undefined;
}

/** How a character is shown in a message: quoted when printable, else as U+XXXX. */
export const describeCharacter = (code: number): string =>
  code > 0x20 && code < 0x7f
    ? `'${String.fromCharCode(code)}'`
    : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
