import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a hostile EM might put in a name or a message: a title change, colours, a bell, bidi, a line break. */
export const HOSTILE = '\u001b]0;PWNED\u0007\u001b[31mRED\u001b[0m\u202Eevil\u2066\nNEXT\r|x';

export interface HostileProxy {
  readonly url: string;
  close(): Promise<void>;
}

/** Rewrites one answer: the request's method and path, and the upstream's status and body. */
export type Rewrite = (
  method: string,
  path: string,
  answer: { status: number; body: string },
  headers: IncomingHttpHeaders,
) => { status: number; body: string };

/**
 * An HTTP proxy on 127.0.0.1 in front of `upstream` (an emulator) that rewrites every answer, and
 * with `rewritePath` every request's path.
 */
export async function startHostileProxy(
  upstream: string,
  rewrite: Rewrite,
  rewritePath: (path: string) => string = (path) => path,
): Promise<HostileProxy> {
  const target = new URL(upstream);
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const forward = request(
        {
          host: target.hostname,
          port: target.port,
          path: rewritePath(incoming.url ?? '/'),
          method: incoming.method,
          headers: incoming.headers,
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            const changed = rewrite(
              incoming.method ?? 'GET',
              incoming.url ?? '/',
              { status: answer.statusCode ?? 502, body: Buffer.concat(body).toString('utf8') },
              incoming.headers,
            );
            const headers = { ...answer.headers };
            delete headers['transfer-encoding'];
            headers['content-length'] = String(Buffer.byteLength(changed.body));
            outgoing.writeHead(changed.status, headers);
            outgoing.end(changed.body);
          });
        },
      );
      forward.on('error', () => outgoing.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
