import { EM_NAMESPACE } from './em-namespace.js';
import { XML_NAMESPACE } from './xml-namespaces.js';

/**
 * The namespaces in scope while the converter walks the tree: one map of what each prefix means
 * now, changed in place as elements open and put back as they close. A map per element, copied
 * from its parent's, would cost the declarations in scope at every declaring element: quadratic
 * in a hostile document's declarations.
 */
export interface NamespaceScopes {
  /** Whether unprefixed names are EM's: its namespace, or none declared (lenient: EM's vocabulary is the only one). */
  defaultIsEm: boolean;
  /**
   * The namespace of each prefix in scope; '' for the default namespace, when one is declared. A
   * prefix out of scope stays, undefined: deleting and adding keys over and over makes V8 rehash
   * a large map each few hundred times (quadratic again).
   */
  readonly uris: Map<string, string | undefined>;
  // What a declaration replaced, most recent last, as pairs in two arrays: its prefix, and the
  // namespace the prefix had before it (undefined: none).
  readonly undoPrefixes: string[];
  readonly undoUris: (string | undefined)[];
}

// A literal rather than a class instance: see prefix-scopes.ts.
export const newNamespaceScopes = (): NamespaceScopes => ({
  defaultIsEm: true,
  // `xml` is bound by the XML namespaces recommendation itself, never declared.
  uris: new Map([['xml', XML_NAMESPACE]]),
  undoPrefixes: [],
  undoUris: [],
});

/** The namespace `prefix` ('' for the default) is bound to, or undefined. */
export const namespaceOf = (scopes: NamespaceScopes, prefix: string): string | undefined =>
  scopes.uris.get(prefix);

/**
 * Binds `prefix` ('' for the default namespace) to `uri` until `leaveNamespaceScopes` goes back
 * to a mark taken before.
 */
export function declareNamespace(scopes: NamespaceScopes, prefix: string, uri: string): void {
  scopes.undoPrefixes.push(prefix);
  scopes.undoUris.push(scopes.uris.get(prefix));
  scopes.uris.set(prefix, uri);
  if (prefix === '') scopes.defaultIsEm = uri === EM_NAMESPACE || uri === '';
}

/** A mark to go back to: the declarations so far. */
export const namespaceMark = (scopes: NamespaceScopes): number => scopes.undoPrefixes.length;

/** Undoes the declarations made since `mark`, latest first: their elements have closed. */
export function leaveNamespaceScopes(scopes: NamespaceScopes, mark: number): void {
  const { uris, undoPrefixes, undoUris } = scopes;
  while (undoPrefixes.length > mark) {
    const prefix = undoPrefixes.pop() as string;
    const previous = undoUris.pop();
    uris.set(prefix, previous);
    if (prefix === '')
      scopes.defaultIsEm = previous === undefined || previous === EM_NAMESPACE || previous === '';
  }
}
