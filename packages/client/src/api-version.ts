const parts = (name: string): number[] =>
  name
    .replace(/^v/i, '')
    .split('_')
    .map((part) => Number.parseInt(part, 10) || 0);

/** The newest of EM's version names (`v1_5`, `v1_7`, `v1_10`), compared as numbers, not text. */
export function newestVersion(names: readonly string[]): string | undefined {
  let newest: string | undefined;
  for (const name of names) {
    if (newest === undefined || compareVersions(name, newest) > 0) newest = name;
  }
  return newest;
}

export function compareVersions(a: string, b: string): number {
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
