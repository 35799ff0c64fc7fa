import type { TlsOptions } from '@vbem/client';
import { CliError, UsageError } from '../cli-error.js';
import { readLocalFile } from './local-file.js';

/** A SHA-256 certificate fingerprint: 32 hex bytes, colons optional, as openssl prints it. */
export const FINGERPRINT = /^([0-9a-f]{2}:?){31}[0-9a-f]{2}$/i;

/** A CA bundle is a few certificates; a bigger file is the wrong one. */
const MAX_CA_BYTES = 1024 * 1024;

const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----';

/** One TLS setting and where it came from (`--ca`, `ca of profile prod`), for messages. */
export interface Sourced<T> {
  readonly value: T;
  readonly origin: string;
}

/** The TLS settings of one EM, each from a flag or the profile (the flag wins). */
export interface TlsSettings {
  readonly ca?: Sourced<string> | undefined;
  readonly fingerprint?: Sourced<string> | undefined;
  readonly insecure?: Sourced<true> | undefined;
}

/** What the client gets, and the warning to print for each run when verification is off. */
export interface ResolvedTls {
  readonly tls: TlsOptions | undefined;
  readonly warning: string | undefined;
}

/** The warning of a run with certificate verification off; `origin` is `--insecure` or the profile. */
export const insecureWarning = (origin: string): string =>
  `TLS certificate verification is off (${origin}): anyone on the network path can read the password and the data`;

/** `--fingerprint` is checked before anything runs: 32 hex bytes, colons optional. */
export function checkFingerprint(fingerprint: Sourced<string>): void {
  if (!FINGERPRINT.test(fingerprint.value)) {
    throw new UsageError(
      `${fingerprint.origin} must be a SHA-256 fingerprint: 32 hex bytes, colons optional`,
      'vbem doctor prints it, as does: openssl x509 -noout -fingerprint -sha256 -in em.pem',
    );
  }
}

/**
 * The client's TLS options: `ca` read from its PEM file, the pinned fingerprint, or verification
 * off. `insecure` cannot go with `ca` or `fingerprint`: those verify, it turns verifying off.
 * `url`: EM's URL and where it came from (`--url`, `url of profile prod`). Over plain http there
 * is no certificate: `ca` and `fingerprint` are refused there, as they would check nothing, and
 * `insecure` only gets a warning that it has no effect (a script may pass it to every EM).
 */
export async function resolveTls(
  settings: TlsSettings,
  url: Sourced<string>,
): Promise<ResolvedTls> {
  const { ca, fingerprint, insecure } = settings;
  const isPlainHttp = new URL(url.value).protocol === 'http:';
  if (insecure) {
    const other = ca ?? fingerprint;
    if (other) {
      throw new UsageError(
        `${other.origin} cannot go with ${insecure.origin}: ${other.origin} verifies EM's certificate, ${insecure.origin} turns verification off`,
        `keep the certificate check and drop ${insecure.origin}`,
      );
    }
    if (isPlainHttp)
      return { tls: undefined, warning: insecureOverHttpWarning(insecure.origin, url) };
    return { tls: { rejectUnauthorized: false }, warning: insecureWarning(insecure.origin) };
  }
  const verifier = ca ?? fingerprint;
  if (verifier && isPlainHttp) {
    throw new UsageError(
      `${verifier.origin} needs an https URL, and ${url.origin} is plain http: without TLS there is no certificate to ${verifier === ca ? 'verify' : 'pin'}`,
      `give the https URL (EM serves it on port 9398), or drop ${verifier.origin}`,
    );
  }
  if (fingerprint) checkFingerprint(fingerprint);
  const tls: { ca?: string; fingerprint256?: string } = {};
  if (ca) tls.ca = await readCaFile(ca.value, ca.origin);
  if (fingerprint) tls.fingerprint256 = fingerprint.value;
  return { tls: ca || fingerprint ? tls : undefined, warning: undefined };
}

/** The warning of `--insecure` (or a profile's `insecure: true`) with an http URL. */
const insecureOverHttpWarning = (origin: string, url: Sourced<string>): string =>
  `${origin} has no effect: ${url.origin} is plain http, without TLS, so there is no certificate to verify`;

/** The PEM text of a CA file: one or more `-----BEGIN CERTIFICATE-----` blocks. */
export async function readCaFile(path: string, origin: string): Promise<string> {
  const what = `certificate file ${path} (${origin})`;
  const localPaths = [{ path, name: 'the certificate file' }];
  const text = await readLocalFile(path, { what, maxBytes: MAX_CA_BYTES });
  if (text === undefined) throw new CliError(`${what} does not exist`, { localPaths });
  if (!text.includes(PEM_CERTIFICATE)) {
    throw new CliError(`${what} is not a PEM certificate: it has no ${PEM_CERTIFICATE} line`, {
      hint: `a DER (binary) certificate converts with: openssl x509 -inform der -in ${path} -out em.pem`,
      localPaths,
    });
  }
  return text;
}
