import type { EmError } from '@vbem/model';
import type { ProxyCredentials } from './transport/proxy-credentials.js';

/** Causes of an error scrubbed with it; a chain longer than this is not the client's own. */
const MAX_CAUSES = 8;

/** Levels of plain data (an error's request, EM's error, an event) scrubbed below an error or event. */
const MAX_DATA_DEPTH = 6;

/** Session tokens remembered for scrubbing: the current one and a few before it (re-logons). */
const MAX_TOKENS = 8;

/** What stands in for a secret in text from the server. */
export const REDACTED = '[redacted]';

/**
 * What stands in for a whole text from the server that holds the password. The password, unlike
 * a token or the Basic credentials, may be a word (`server`): `Internal [redacted] error` would
 * tell it to anyone who reads the message, so none of that text is kept.
 */
export const WITHHELD = '[text withheld: it held a secret]';

/**
 * Passwords shorter than this are not searched for in the server's text: a short one would blank
 * out ordinary words of every message, and a server that echoes it is not told apart from one
 * that happens to write the same letters.
 */
export const MIN_SCRUBBED_PASSWORD_LENGTH = 4;

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** A secret as it may appear in the server's text: as is, XML- or JSON-escaped (URL-encoded: see `percentPatternOf`). */
function formsOf(secret: string): string[] {
  const forms = new Set([
    secret,
    secret.replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character),
    JSON.stringify(secret).slice(1, -1),
  ]);
  return [...forms].filter((form) => form !== '');
}

const utf8 = new TextDecoder('utf-8');
const utf8Bytes = new TextEncoder();

/** A hex digit in either case: `%2b` is `%2B` (.NET's HttpUtility.UrlEncode and EM's paging links write lower case). */
const hexDigitPattern = (digit: string): string =>
  /[a-f]/i.test(digit) ? `[${digit.toUpperCase()}${digit.toLowerCase()}]` : digit;

const REGEXP_SYNTAX = /[\\^$.*+?()[\]{}|/-]/g;

/**
 * The secret URL-encoded in any way: each character as is or percent-encoded (hex in either
 * case), a space also as `+`. One pass over the text, no nested repetition: the text is the
 * server's, and a body may be 256 MiB.
 */
function percentPatternOf(secret: string): RegExp {
  let source = '';
  for (const character of secret) {
    const encoded = Array.from(
      utf8Bytes.encode(character),
      (byte) => `%${[...byte.toString(16).padStart(2, '0')].map(hexDigitPattern).join('')}`,
    ).join('');
    const raw = character.replace(REGEXP_SYNTAX, '\\$&');
    source += `(?:${encoded}|${raw}${character === ' ' ? '|\\+' : ''})`;
  }
  return new RegExp(source, 'g');
}

/**
 * Takes the client's secrets out of text that comes from the server (EM's error messages, a
 * decoder's quote of a body, a redirect's Location): a server or a proxy that echoes the
 * Authorization header, the password or a session token must not put them into errors, events
 * or logs. Error bodies are scrubbed whole, before a decoder quotes (and cuts) a part of them.
 */
export class SecretScrubber {
  readonly #basic: readonly string[];
  readonly #basicPatterns: readonly RegExp[];
  readonly #password: readonly string[];
  readonly #passwordPatterns: readonly RegExp[];
  #tokens: string[] = [];
  #tokenForms: string[] = [];
  #tokenPatterns: RegExp[] = [];

  /**
   * `basic`: the Basic credentials as sent (base64 of `user:password`). `proxy`: the credentials
   * of the proxy's URL, if any, which a proxy that echoes `Proxy-Authorization` puts in its
   * answers: its Basic token and `user:password` are scrubbed like EM's Basic credentials, its password like EM's password.
   */
  constructor(basic: string, password: string, proxy?: ProxyCredentials) {
    // The pair in plain text only with a password in it: `s:` or `http:` (a user name alone)
    // would take ordinary words out of EM's messages. Its Basic token is always scrubbed.
    const pair = proxy === undefined ? '' : `${proxy.user}:${proxy.password}`;
    const proxyPair = proxy?.password && pair.length >= MIN_SCRUBBED_PASSWORD_LENGTH ? pair : '';
    const basics = [basic, proxy?.basic ?? '', proxyPair].filter((token) => token !== '');
    this.#basic = basics.flatMap(formsOf);
    this.#basicPatterns = basics.map(percentPatternOf);
    const scrubbed = [password, proxy?.password ?? ''].filter(
      (secret) => secret.length >= MIN_SCRUBBED_PASSWORD_LENGTH,
    );
    this.#password = scrubbed.flatMap(formsOf);
    this.#passwordPatterns = scrubbed.map(percentPatternOf);
  }

  /** Remembers a session token the client sent, to scrub it from what comes back. */
  noteToken(token: string): void {
    if (token === '' || this.#tokens.includes(token)) return;
    this.#tokens.push(token);
    if (this.#tokens.length > MAX_TOKENS) this.#tokens.shift();
    this.#tokenForms = this.#tokens.flatMap(formsOf);
    this.#tokenPatterns = this.#tokens.map(percentPatternOf);
  }

  /** Whether `text` holds the password, in any of its forms. */
  #holdsPassword(text: string): boolean {
    if (this.#password.some((form) => text.includes(form))) return true;
    if (!text.includes('%') && !text.includes('+')) return false;
    return this.#passwordPatterns.some((pattern) => {
      pattern.lastIndex = 0;
      return pattern.test(text);
    });
  }

  /** `text` with every token and the Basic credentials replaced by REDACTED; WITHHELD when it holds the password. */
  scrub(text: string): string {
    if (this.#holdsPassword(text)) return WITHHELD;
    let scrubbed = text;
    for (const forms of [this.#basic, this.#tokenForms]) {
      for (const form of forms) {
        if (scrubbed.includes(form)) scrubbed = scrubbed.replaceAll(form, REDACTED);
      }
    }
    // Without a `%` or a `+`, no URL-encoded form differs from the forms above.
    if (!scrubbed.includes('%') && !scrubbed.includes('+')) return scrubbed;
    for (const patterns of [this.#basicPatterns, this.#tokenPatterns]) {
      for (const pattern of patterns) scrubbed = scrubbed.replace(pattern, REDACTED);
    }
    return scrubbed;
  }

  /**
   * A body with every token and the Basic credentials replaced; empty when it holds the password
   * (none of it is quoted then, see WITHHELD); the body itself when it holds no secret.
   */
  scrubBody(body: Uint8Array): Uint8Array {
    const text = utf8.decode(body);
    if (this.#holdsPassword(text)) return new Uint8Array(0);
    const scrubbed = this.scrub(text);
    return scrubbed === text ? body : utf8Bytes.encode(scrubbed);
  }

  /**
   * Scrubs an error in place: its message, its stack (which repeats the message), its other
   * fields (a decoder error's `reason` and `path`, the `request` whose URL may be an href from EM
   * that carries the token), and so its causes, which are printed with it.
   */
  scrubError<E extends Error>(error: E, depth = 0): E {
    const fields = error as unknown as Record<string, unknown>;
    for (const key of ['message', 'stack', ...Object.keys(error)]) {
      const value = fields[key];
      const scrubbed = this.#scrubData(value, depth);
      // Read-only fields (a class's own readonly text) cannot be set; the check is per field.
      if (scrubbed !== value && Object.getOwnPropertyDescriptor(error, key)?.writable !== false)
        fields[key] = scrubbed;
    }
    if (error.cause instanceof Error && depth < MAX_CAUSES) this.scrubError(error.cause, depth + 1);
    return error;
  }

  /** EM's error with every text field scrubbed. */
  scrubEmError(emError: EmError | undefined): EmError | undefined {
    return this.#scrubData(emError, 0) as EmError | undefined;
  }

  /** An event for the caller's listener, every text in it (URLs, reasons, messages) scrubbed. */
  scrubEvent<Event extends object>(event: Event): Event {
    return this.#scrubData(event, 0) as Event;
  }

  /**
   * Plain data (text, arrays, plain objects) with every string scrubbed, copied where it changes;
   * an error inside is scrubbed in place. Other objects (Headers, Date) are left as they are.
   */
  #scrubData(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (typeof value !== 'object' || value === null || depth >= MAX_DATA_DEPTH) return value;
    if (value instanceof Error)
      return depth < MAX_CAUSES ? this.scrubError(value, depth + 1) : value;
    if (Array.isArray(value)) {
      const items = value.map((item: unknown) => this.#scrubData(item, depth + 1));
      return items.some((item, index) => item !== value[index]) ? items : value;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value;
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const scrubbed = this.#scrubData(item, depth + 1);
      if (scrubbed === item) continue;
      copy ??= { ...value };
      copy[key] = scrubbed;
    }
    return copy ?? value;
  }
}
