import { shownValue } from '@vbem/model';
import { checkCaOption } from './ca-certificates.js';
import type {
  ClientEvent,
  ClientOptions,
  ResponseFormat,
  RetryOptions,
  TlsOptions,
} from './client-options.js';
import { ClientOptionsError } from './errors/client-options-error.js';
import { guardedListener } from './event-listener.js';
import { checkOptionKeys } from './option-keys.js';
import { PACKAGE_VERSION } from './package-version.js';
import { checkSignalOption } from './signal-option.js';
import { MAX_TIMER_MS } from './transport/abortable.js';

export interface ResolvedRetry {
  readonly limit: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

export interface ResolvedOptions {
  /** Always ends in `/api/`. */
  readonly apiBase: string;
  readonly username: string;
  readonly password: string;
  readonly format: ResponseFormat;
  readonly apiVersion: string | undefined;
  readonly timeout: number;
  readonly deadline: number | undefined;
  readonly retry: ResolvedRetry;
  readonly tls: TlsOptions;
  readonly proxy: string | false | undefined;
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly signal: AbortSignal | undefined;
  readonly userAgent: string;
  readonly concurrency: number;
  readonly maxResponseBytes: number;
  readonly onEvent: (event: ClientEvent) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_USER_AGENT = `vbem-client/${PACKAGE_VERSION}`;

const fail = (message: string): never => {
  throw new ClientOptionsError(message);
};

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    fail(`${name} must be a finite number >= ${min}, got ${shownValue(value)}`);
  }
  return value;
}

/** A time in milliseconds that a timer can wait: Node fires a longer one after 1 ms. */
export function millis(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
): number {
  const ms = count(name, value, fallback, min);
  if (ms > MAX_TIMER_MS) {
    fail(`${name} must be at most ${MAX_TIMER_MS} ms (about 24.8 days), got ${shownValue(value)}`);
  }
  return ms;
}

function apiBaseOf(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('url must be an absolute http(s) URL such as https://em.example.com:9398');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    fail(`url must use https or http, got ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password) {
    fail('url must not carry credentials; pass username and password as options');
  }
  if (parsed.search || parsed.hash) fail('url must not have a query or a fragment');
  const path = parsed.pathname.replace(/\/+$/, '');
  const base = path.toLowerCase().endsWith('/api') ? path : `${path}/api`;
  return `${parsed.origin}${base}/`;
}

const FINGERPRINT = /^([0-9a-f]{2}:?){31}[0-9a-f]{2}$/i;

// Records, so that the compiler says when an option is added to the types and not here.
const CLIENT_OPTIONS = Object.keys({
  url: true,
  username: true,
  password: true,
  format: true,
  apiVersion: true,
  timeout: true,
  deadline: true,
  retry: true,
  tls: true,
  proxy: true,
  fetch: true,
  signal: true,
  userAgent: true,
  concurrency: true,
  maxResponseBytes: true,
  onEvent: true,
} satisfies Record<keyof ClientOptions, true>);
const RETRY_OPTIONS = Object.keys({
  limit: true,
  baseDelayMs: true,
  maxDelayMs: true,
  maxRetryAfterMs: true,
} satisfies Record<keyof RetryOptions, true>);
const TLS_OPTIONS = Object.keys({
  ca: true,
  fingerprint256: true,
  rejectUnauthorized: true,
} satisfies Record<keyof TlsOptions, true>);

/** What a product token and its comment may hold in a header: visible ASCII, spaces and tabs. */
const HEADER_TEXT = /^[\x20-\x7e\t]*$/;

function userAgentOf(value: string | undefined): string {
  if (value === undefined) return DEFAULT_USER_AGENT;
  if (typeof value !== 'string' || !HEADER_TEXT.test(value)) {
    fail(
      `userAgent must be header text: printable ASCII, without line breaks, control characters or characters such as é or €, got ${shownValue(value)}`,
    );
  }
  return value;
}

/** Checks every option once, so a mistake surfaces at `createClient`, not mid-crawl. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  checkOptionKeys(options, CLIENT_OPTIONS, 'createClient');
  checkSignalOption(options.signal, 'signal');
  if (typeof options.username !== 'string' || options.username === '') {
    fail('username must be a non-empty string');
  }
  // Basic authentication splits user and password at the first colon: EM would see another user.
  if (options.username.includes(':')) fail('username must not contain a colon');
  if (typeof options.password !== 'string') fail('password must be a string');
  const format = options.format === undefined ? 'xml' : options.format;
  if (format !== 'xml' && format !== 'json')
    fail(`format must be 'xml' or 'json', got ${shownValue(format)}`);
  if (options.apiVersion !== undefined && !/^v\d+(_\d+)?$/.test(options.apiVersion)) {
    fail(`apiVersion must look like v1_7, got ${shownValue(options.apiVersion)}`);
  }
  // Only undefined is not given: a JavaScript caller's null is refused as no object, not taken as none.
  const tls = options.tls === undefined ? {} : options.tls;
  checkOptionKeys(tls, TLS_OPTIONS, 'createClient', 'tls');
  checkCaOption(tls.ca);
  if (tls.fingerprint256 !== undefined && !FINGERPRINT.test(tls.fingerprint256)) {
    fail('tls.fingerprint256 must be 32 hex bytes, colons optional');
  }
  if (tls.rejectUnauthorized !== undefined && typeof tls.rejectUnauthorized !== 'boolean') {
    fail(`tls.rejectUnauthorized must be a boolean, got ${shownValue(tls.rejectUnauthorized)}`);
  }
  // Only a value that is no string is shown: a proxy URL may carry the proxy's credentials.
  if (options.proxy !== undefined && options.proxy !== false && typeof options.proxy !== 'string') {
    fail(`proxy must be a proxy URL (a string) or false, got ${shownValue(options.proxy)}`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    fail('fetch must be a function');
  // An injected fetch makes its own connections: a CA or a pin given beside it would be ignored.
  const trusted = (['ca', 'fingerprint256'] as const).filter((name) => tls[name] !== undefined);
  if (options.fetch !== undefined && trusted.length > 0) {
    fail(
      `fetch cannot be combined with ${trusted.map((name) => `tls.${name}`).join(' and ')}: the injected fetch makes its own connections and would not apply them; configure them in that fetch instead`,
    );
  }
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function')
    fail('onEvent must be a function');
  const retry = options.retry === undefined ? {} : options.retry;
  checkOptionKeys(retry, RETRY_OPTIONS, 'createClient', 'retry');
  const resolvedRetry: ResolvedRetry = {
    limit: count('retry.limit', retry.limit, 3, 0),
    baseDelayMs: millis('retry.baseDelayMs', retry.baseDelayMs, 300, 0),
    maxDelayMs: millis('retry.maxDelayMs', retry.maxDelayMs, 10_000, 0),
    maxRetryAfterMs: millis('retry.maxRetryAfterMs', retry.maxRetryAfterMs, 60_000, 0),
  };
  if (!Number.isInteger(resolvedRetry.limit)) fail('retry.limit must be an integer');
  const concurrency = count('concurrency', options.concurrency, DEFAULT_CONCURRENCY, 1);
  if (!Number.isInteger(concurrency)) fail('concurrency must be an integer >= 1');
  return {
    apiBase: apiBaseOf(options.url),
    username: options.username,
    password: options.password,
    format,
    apiVersion: options.apiVersion,
    timeout: millis('timeout', options.timeout, DEFAULT_TIMEOUT_MS, 1),
    deadline:
      options.deadline === undefined ? undefined : millis('deadline', options.deadline, 0, 1),
    retry: resolvedRetry,
    tls,
    proxy: options.proxy,
    fetch: options.fetch,
    signal: options.signal,
    userAgent: userAgentOf(options.userAgent),
    concurrency,
    maxResponseBytes: count(
      'maxResponseBytes',
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      1,
    ),
    onEvent: guardedListener(options.onEvent),
  };
}
