/** Codes of a connection the other side closed or reset. */
const CLOSED_CODES: ReadonlySet<string> = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/** Whether an error code says the other side closed or reset the connection. */
export const isClosedCode = (code: string | undefined): boolean =>
  code !== undefined && CLOSED_CODES.has(code);

/**
 * Whether a plain-http request failed because the server closed the connection before a byte of
 * answer came, as an https port does with plain http (Node's TLS server closes it, Windows'
 * HTTP.sys resets it). undici's socket errors count the bytes read (a keep-alive connection that
 * carried answers before has read some); a bare reset does not, and counts as unanswered.
 */
export function closedUnanswered(url: string | undefined, error: unknown): boolean {
  if (url === undefined || !/^http:/i.test(url)) return false;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const { code, socket } = current as { code?: unknown; socket?: { bytesRead?: unknown } };
    if (typeof code === 'string') {
      const bytesRead = socket?.bytesRead;
      return isClosedCode(code) && (typeof bytesRead !== 'number' || bytesRead === 0);
    }
    current = current.cause;
  }
  return false;
}

/** The hint for a plain-http request that `closedUnanswered`: the same host and port over https. */
export function httpsPortHint(url: string): string {
  const { host, port } = new URL(url);
  // Port 80 is the one that closed, not https's default 443.
  const hostAndPort = port === '' ? `${host}:80` : host;
  return `the server closed the connection without answering, as an https port does with plain http: try --url https://${hostAndPort}`;
}
