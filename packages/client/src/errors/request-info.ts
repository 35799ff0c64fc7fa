/** The request an error is about, safe to print: no headers, no credentials in the URL. */
export interface RequestInfo {
  readonly method: string;
  readonly url: string;
}

/** Removes `user:password@` from a URL; header values never reach a `RequestInfo`. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return '(invalid URL)';
  }
}

export const requestInfo = (method: string, url: string): RequestInfo => ({
  method,
  url: redactedUrl(url),
});
