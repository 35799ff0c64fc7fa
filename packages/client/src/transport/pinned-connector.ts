import type { TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';

/** Normalises `AA:bb:…` and `aabb…` to upper-case hex pairs joined by colons, as Node prints them. */
export const normalizeFingerprint = (fingerprint: string): string =>
  fingerprint
    .replace(/:/g, '')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');

/** The error a pin mismatch fails the connection with; its code is what `TlsError.code` shows. */
export class FingerprintMismatch extends Error {
  readonly code = 'CERT_FINGERPRINT_MISMATCH';
}

/**
 * A connector that accepts a server certificate by its SHA-256 fingerprint instead of by chain:
 * EM's certificate is self-signed by default, and a pin is safer than turning checks off. The
 * chain is not verified (a pinned self-signed certificate has none), the fingerprint is, on every
 * connection: TLS sessions are not resumed, because a resumed session shows no peer certificate.
 * Nothing is written to the socket before the check, so a wrong server never sees a request.
 */
export function pinnedConnector(
  build: typeof buildConnector,
  fingerprint256: string,
  options: buildConnector.BuildOptions,
): buildConnector.connector {
  const expected = normalizeFingerprint(fingerprint256);
  const connect = build({ ...options, rejectUnauthorized: false, maxCachedSessions: 0 });
  return (connectOptions, callback) =>
    connect(connectOptions, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('TLS connection failed'), null);
        return;
      }
      // A pin over plain HTTP would pin nothing: fail closed rather than send the credentials.
      const actual =
        'getPeerCertificate' in socket
          ? (socket as TLSSocket).getPeerCertificate().fingerprint256
          : undefined;
      if (!actual || actual.toUpperCase() !== expected) {
        socket.destroy();
        callback(
          new FingerprintMismatch(
            `the server certificate's SHA-256 fingerprint ${actual ?? '(none)'} does not match the pinned ${expected}`,
          ),
          null,
        );
        return;
      }
      callback(null, socket);
    });
}
