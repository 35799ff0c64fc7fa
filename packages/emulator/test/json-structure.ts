/**
 * The key paths of a JSON document, without values: `Links[].Rel`, `PagingInfo.PageNum`. List
 * items are collapsed into `[]`, so two documents of one EM resource compare equal whatever their
 * data. `null` and a value both count as the key being there, as EM writes absent values as null.
 */
export function jsonStructure(value: unknown): string[] {
  const paths = new Set<string>();
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, `${path}[]`);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const childPath = path ? `${path}.${key}` : key;
        paths.add(childPath);
        walk(child, childPath);
      }
    }
  };
  walk(value, '');
  return [...paths].sort();
}
