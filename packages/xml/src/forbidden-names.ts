/** Names that would reach an object's prototype if a parser used them as keys. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** The local part of a qualified name: `ent:Link` → `Link`. */
export const localName = (qualified: string): string => {
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
};

const FORBIDDEN_LENGTHS = [...FORBIDDEN_NAMES].map((name) => name.length);

/** Whether a name's local part is forbidden; the length test spares the lookup for nearly every name. */
export const isForbiddenName = (qualified: string): boolean => {
  const localLength = qualified.length - qualified.indexOf(':') - 1;
  return FORBIDDEN_LENGTHS.includes(localLength) && FORBIDDEN_NAMES.has(localName(qualified));
};
