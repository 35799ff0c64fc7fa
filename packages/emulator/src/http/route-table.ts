/** A route: method and path pattern below `/api/` (`backupSessions/{id}/taskSessions`), matched case-insensitively. */
export interface Route<Handler> {
  readonly method: string;
  readonly pattern: string;
  readonly handler: Handler;
}

export type RouteMatch<R> =
  | { readonly kind: 'found'; readonly route: R; readonly params: Readonly<Record<string, string>> }
  | {
      readonly kind: 'wrong-method';
      readonly allowed: readonly string[];
      /** The pattern the path matched (the first, when routes of several patterns match it). */
      readonly pattern: string;
    }
  | { readonly kind: 'not-found' };

/**
 * Finds the route of a path below `/api` (`apiPathOf`'s, no query); `{name}` segments capture
 * values still percent-encoded: a route is found (and the caller authenticated) before they are decoded.
 */
export function matchRoute<R extends Route<unknown>>(
  routes: readonly R[],
  method: string,
  path: string,
): RouteMatch<R> {
  const segments = path.split('/').filter(Boolean);
  const allowed: string[] = [];
  let matched = '';
  for (const route of routes) {
    const pattern = route.pattern.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((part, index) => {
      const segment = segments[index] as string;
      if (part.startsWith('{')) {
        params[part.slice(1, -1)] = segment;
        return true;
      }
      return part.toLowerCase() === segment.toLowerCase();
    });
    if (!fits) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allowed.push(route.method);
    matched ||= route.pattern;
  }
  return allowed.length
    ? { kind: 'wrong-method', allowed, pattern: matched }
    : { kind: 'not-found' };
}

/** Percent-decoded route values, or undefined when one is not valid percent-encoding (a 400). */
export function decodedParams(
  params: Readonly<Record<string, string>>,
): Record<string, string> | undefined {
  const decoded: Record<string, string> = {};
  try {
    for (const [name, value] of Object.entries(params)) decoded[name] = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  return decoded;
}
