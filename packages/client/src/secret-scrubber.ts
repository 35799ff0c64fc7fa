import type { EmError } from '@vbem/model';

/** Causes of an error scrubbed with it; a chain longer than this is not the client's own. */
const MAX_CAUSES = 8;

/** What stands in for a secret in text from the server. */
export const REDACTED = '[redacted]';

/**
 * Passwords shorter than this are not searched for in the server's text: a short one would blank
 * out ordinary words of every message, and a server that echoes it is not told apart from one
 * that happens to write the same letters.
 */
export const MIN_SCRUBBED_PASSWORD_LENGTH = 4;

/**
 * Takes the client's secrets out of text that comes from the server (EM's error messages, a
 * decoder's quote of a body): a server or a proxy that echoes the Authorization header, the
 * password or the session token must not put them into errors, events or logs.
 */
export class SecretScrubber {
  readonly #secrets: readonly string[];

  constructor(username: string, password: string) {
    const basic = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    this.#secrets = [basic, ...(password.length >= MIN_SCRUBBED_PASSWORD_LENGTH ? [password] : [])];
  }

  /** `text` with every secret, and the session token when given, replaced by REDACTED. */
  scrub(text: string, token?: string): string {
    let scrubbed = text;
    for (const secret of token === undefined ? this.#secrets : [...this.#secrets, token]) {
      if (secret !== '' && scrubbed.includes(secret))
        scrubbed = scrubbed.replaceAll(secret, REDACTED);
    }
    return scrubbed;
  }

  /**
   * Scrubs an error in place: its message, its stack (which repeats the message), its other text
   * fields (a decoder error's `reason` and `path`), and so its causes, which are printed with it.
   */
  scrubError<E extends Error>(error: E, token?: string, depth = 0): E {
    const fields = error as unknown as Record<string, unknown>;
    for (const key of ['message', 'stack', ...Object.keys(error)]) {
      const value = fields[key];
      if (typeof value === 'string') {
        const scrubbed = this.scrub(value, token);
        // Read-only fields (a class's own readonly text) cannot be set; the check is per field.
        if (scrubbed !== value && Object.getOwnPropertyDescriptor(error, key)?.writable !== false)
          fields[key] = scrubbed;
      }
    }
    if (error.cause instanceof Error && depth < MAX_CAUSES)
      this.scrubError(error.cause, token, depth + 1);
    return error;
  }

  /** EM's error with every text field scrubbed. */
  scrubEmError(emError: EmError | undefined, token?: string): EmError | undefined {
    if (emError === undefined) return undefined;
    const scrubbed: Record<string, unknown> = { ...emError };
    for (const [key, value] of Object.entries(scrubbed)) {
      if (typeof value === 'string') scrubbed[key] = this.scrub(value, token);
    }
    return scrubbed as unknown as EmError;
  }
}
