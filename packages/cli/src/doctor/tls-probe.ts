import type { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import type { TlsOptions } from '@vbem/client';
import { bounded } from './net-probes.js';

/** What the doctor shows of EM's certificate. */
export interface CertificateFacts {
  /** `CN=em.example.com`, RDNs joined by `, `. */
  readonly subject: string;
  readonly commonName: string | undefined;
  /** `DNS:em.example.com, IP Address:10.0.0.5`, or undefined without the extension. */
  readonly subjectAltName: string | undefined;
  readonly issuer: string;
  readonly selfSigned: boolean;
  readonly validFrom: Date;
  readonly validTo: Date;
  /** Upper-case hex pairs joined by colons, as `--fingerprint` takes it. */
  readonly fingerprint256: string;
}

export interface TlsFacts {
  readonly certificate: CertificateFacts;
  /** `TLSv1.3`. */
  readonly protocol: string | null;
  /** The chain verifies against the CAs (Node's store, or `ca` alone when given). */
  readonly chainTrusted: boolean;
  /** OpenSSL's reason when it does not, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  readonly chainError: string | undefined;
  /** Why the certificate is not for this host name, when it is not. */
  readonly hostnameError: string | undefined;
  readonly ms: number;
}

/** `AA:bb:…` and `aabb…` as upper-case hex pairs joined by colons. */
export const normalizeFingerprint = (fingerprint: string): string =>
  fingerprint
    .replace(/:/g, '')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');

const toPem = (value: string | Uint8Array): string =>
  typeof value === 'string' ? value : new TextDecoder().decode(value);

/** The client's `ca` option as a list of PEM texts, or undefined for Node's store. */
export function caList(tls: TlsOptions | undefined): string[] | undefined {
  const ca = tls?.ca;
  if (ca === undefined) return undefined;
  return (Array.isArray(ca) ? ca : [ca]).map((item: string | Uint8Array) => toPem(item));
}

const rdns = (name: string): string =>
  name
    .split('\n')
    .filter((part) => part !== '')
    .join(', ');

function factsOf(certificate: X509Certificate): CertificateFacts {
  const commonName = /^CN=(.*)$/m.exec(certificate.subject)?.[1];
  return {
    subject: rdns(certificate.subject),
    commonName,
    subjectAltName: certificate.subjectAltName,
    issuer: rdns(certificate.issuer),
    selfSigned: certificate.subject === certificate.issuer,
    validFrom: new Date(certificate.validFrom),
    validTo: new Date(certificate.validTo),
    fingerprint256: certificate.fingerprint256.toUpperCase(),
  };
}

/**
 * Opens a TLS connection without verifying, to look at the certificate whatever it is, and tells
 * whether the chain verifies against `ca` (or Node's store) and whether it is for `host`.
 * Nothing is sent over the connection.
 */
export async function inspectTls(options: {
  readonly host: string;
  readonly port: number;
  readonly ca: string[] | undefined;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}): Promise<TlsFacts> {
  const { host, port, ca } = options;
  const started = performance.now();
  return bounded<TlsFacts>(
    options.signal,
    options.timeoutMs,
    `TLS handshake with ${host}:${port}`,
    (done) => {
      const socket = connect({
        host,
        port,
        ...(isIP(host) === 0 ? { servername: host } : {}),
        rejectUnauthorized: false,
        ...(ca ? { ca } : {}),
        // `authorized` then says whether the chain verifies, alone: Node also sets it false for a
        // certificate of another name, which is told apart below (hostnameError).
        checkServerIdentity: () => undefined,
      });
      socket.once('secureConnect', () => {
        // getPeerCertificate() first: after getPeerX509Certificate() it returns {} (Node 20).
        const peer: PeerCertificate = socket.getPeerCertificate();
        const identity = checkServerIdentity(host, peer);
        const x509 = socket.getPeerX509Certificate();
        if (!x509) {
          done(new Error('the server sent no certificate'));
          return;
        }
        const chainError = socket.authorizationError;
        done(null, {
          certificate: factsOf(x509),
          protocol: socket.getProtocol(),
          chainTrusted: socket.authorized,
          chainError:
            chainError === undefined || chainError === null
              ? undefined
              : String((chainError as unknown as Error).message ?? chainError),
          hostnameError: identity?.message,
          ms: performance.now() - started,
        });
      });
      socket.once('error', (error) => done(error));
      return () => socket.destroy();
    },
  );
}
