/** Where to log off a logon session whose answer was lost, and its id (empty when unknown). */
export interface LostLogonSession {
  readonly logoffUrl: string;
  readonly sessionId: string;
}

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** What names the session in a logon body, as far as a cut or broken one still holds it. */
const SESSION_ID_IN_BODY = [
  new RegExp(`/logonSessions/(${GUID})`, 'i'),
  new RegExp(`<SessionId>\\s*(${GUID})\\s*</SessionId>`, 'i'),
  new RegExp(`"sessionId"\\s*:\\s*"(${GUID})"`, 'i'),
];

const utf8 = new TextDecoder('utf-8');

/**
 * A logon EM answered 2xx with a token, but whose body could not be read or decoded, opened a
 * session all the same. Where to log it off: the `Location` EM sends with its 201
 * (`…/api/logonSessions/{id}`), else `logonSessions/{id}` with the id the body still shows; undefined
 * when neither says. `resolve` keeps the URL on the client's own origin. A `Location` is used only
 * when it names a logon session: the token must not delete anything else.
 */
export function lostLogonSession(
  headers: Headers,
  body: Uint8Array | undefined,
  resolve: (href: string) => string,
): LostLogonSession | undefined {
  const location = headers.get('location');
  if (location) {
    try {
      const url = resolve(location);
      const id = /\/logonSessions\/([^/]+)$/i.exec(new URL(url).pathname)?.[1];
      if (id !== undefined) return { logoffUrl: url, sessionId: decodeURIComponent(id) };
    } catch {
      // An href the client cannot send to: the body may still tell.
    }
  }
  if (body === undefined) return undefined;
  const text = utf8.decode(body);
  for (const pattern of SESSION_ID_IN_BODY) {
    const id = pattern.exec(text)?.[1];
    if (id !== undefined) return { logoffUrl: resolve(`logonSessions/${id}`), sessionId: id };
  }
  return undefined;
}
