import { ClientError, type ClientErrorOptions } from './client-error.js';

const HINT =
  'EM uses a self-signed certificate by default: pass its certificate (or its CA) as tls.ca, or pin it with tls.fingerprint256 (vbem doctor prints it).';

/** The TLS handshake failed: an untrusted or expired certificate, a wrong host name, or a pin mismatch. */
export class TlsError extends ClientError {
  override readonly name = 'TlsError';
  /** Node's or OpenSSL's code, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT` or `CERT_FINGERPRINT_MISMATCH`. */
  readonly code: string | undefined;
  readonly hint = HINT;

  constructor(
    message: string,
    options: ClientErrorOptions & { readonly code?: string | undefined },
  ) {
    super(`${message}. ${HINT}`, options);
    this.code = options.code;
  }

  protected override details(): Record<string, unknown> {
    return { code: this.code };
  }
}
