const isUpper = (char: string | undefined): boolean =>
  char !== undefined && char !== char.toLowerCase() && char === char.toUpperCase();

/**
 * The camelCase key EM 13 writes for a PascalCase XML name. It follows Newtonsoft.Json's
 * CamelCasePropertyNamesContractResolver, which EM uses: a leading run of capitals is lowered
 * up to the last one before a lower-case letter (`UID` → `uid`, `VmUid` → `vmUid`,
 * `CreationTimeUTC` → `creationTimeUTC`).
 */
export function toCamelCase(name: string): string {
  const chars = [...name];
  for (let i = 0; i < chars.length; i++) {
    if (i === 1 && !isUpper(chars[i])) break;
    if (i > 0 && i + 1 < chars.length && !isUpper(chars[i + 1])) break;
    chars[i] = (chars[i] as string).toLowerCase();
  }
  return chars.join('');
}
