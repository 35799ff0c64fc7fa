/** The namespace prefixes in scope during the well-formedness pass, each until its element closes. */
export interface PrefixScopes {
  readonly prefixes: string[];
  /** The depth of the element that declared each prefix (the root is at depth 1). */
  readonly depths: number[];
  /**
   * How many of `prefixes` are each prefix: a lookup rather than a scan of `prefixes`, which would
   * make a document of many declarations and prefixed names quadratic. A prefix out of scope stays
   * with 0: deleting and adding keys over and over makes V8 rehash a large map each few hundred
   * times (quadratic again).
   */
  readonly counts: Map<string, number>;
}

// A literal rather than a class instance: V8 keeps a literal's hidden class alive, whereas a class
// instance's dies with the last instance, and with it the optimized code of checkWellFormed (every
// full GC between two documents then cost a recompilation).
export const newPrefixScopes = (): PrefixScopes => ({
  prefixes: [],
  depths: [],
  counts: new Map(),
});

export function declarePrefix(scopes: PrefixScopes, prefix: string, depth: number): void {
  scopes.prefixes.push(prefix);
  scopes.depths.push(depth);
  scopes.counts.set(prefix, (scopes.counts.get(prefix) ?? 0) + 1);
}

/** Whether a prefix is bound: declared by the current element or an ancestor, or `xml`/`xmlns`. */
export const isPrefixDeclared = (scopes: PrefixScopes, prefix: string): boolean =>
  prefix === 'xml' || prefix === 'xmlns' || (scopes.counts.get(prefix) ?? 0) > 0;

/** Forgets the prefixes declared deeper than `depth`: their elements have closed. */
export function leavePrefixScopes(scopes: PrefixScopes, depth: number): void {
  const { prefixes, depths, counts } = scopes;
  while (depths.length > 0 && (depths[depths.length - 1] as number) > depth) {
    depths.pop();
    const prefix = prefixes.pop() as string;
    counts.set(prefix, (counts.get(prefix) as number) - 1);
  }
}
