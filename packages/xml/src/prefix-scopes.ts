/** The namespace prefixes in scope during the well-formedness pass, each until its element closes. */
export interface PrefixScopes {
  readonly prefixes: string[];
  /** The depth of the element that declared each prefix (the root is at depth 1). */
  readonly depths: number[];
}

// A literal rather than a class instance: V8 keeps a literal's hidden class alive, whereas a class
// instance's dies with the last instance, and with it the optimized code of checkWellFormed (every
// full GC between two documents then cost a recompilation).
export const newPrefixScopes = (): PrefixScopes => ({ prefixes: [], depths: [] });

export function declarePrefix(scopes: PrefixScopes, prefix: string, depth: number): void {
  scopes.prefixes.push(prefix);
  scopes.depths.push(depth);
}

/** Whether a prefix is bound: declared by the current element or an ancestor, or `xml`/`xmlns`. */
export const isPrefixDeclared = (scopes: PrefixScopes, prefix: string): boolean =>
  prefix === 'xml' || prefix === 'xmlns' || scopes.prefixes.includes(prefix);

/** Forgets the prefixes declared deeper than `depth`: their elements have closed. */
export function leavePrefixScopes(scopes: PrefixScopes, depth: number): void {
  const { prefixes, depths } = scopes;
  while (depths.length > 0 && (depths[depths.length - 1] as number) > depth) {
    depths.pop();
    prefixes.pop();
  }
}
