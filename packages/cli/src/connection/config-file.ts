import { dirname, isAbsolute, join } from 'node:path';
import { CliError, type LocalPath, UsageError } from '../cli-error.js';
import { jsonErrorPlace } from './json-error-place.js';
import { expandPath, MODES_APPLY, modeText, readLocalFile } from './local-file.js';
import { responseBytesOf } from './response-size.js';
import { timeoutSecondsOf } from './timeout-seconds.js';
import { FINGERPRINT } from './tls-flags.js';
import { hasCredentials, whyNotUrl } from './url-fault.js';

/** One EM of the config file. Paths are expanded (`~`) and absolute (relative to the file). */
export interface Profile {
  readonly name: string;
  readonly url: string;
  readonly username?: string;
  readonly passwordFile?: string;
  readonly passwordEnv?: string;
  readonly ca?: string;
  readonly fingerprint?: string;
  readonly insecure?: boolean;
  readonly apiFormat?: 'xml' | 'json';
  /** Seconds per request attempt (given as a number, or as text such as "90s"). */
  readonly timeout?: number;
  /** Bytes of one answer's body, from `maxResponseSize`. */
  readonly maxResponseBytes?: number;
}

/** The config file: its profiles in file order, and the one used when none is named. */
export interface ConfigFile {
  readonly path: string;
  readonly defaultProfile: string | undefined;
  readonly profiles: readonly Profile[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** A config file is a few profiles; a bigger file is the wrong one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

const TOP_KEYS = ['$schema', 'defaultProfile', 'profiles'] as const;
const PROFILE_KEYS = [
  'url',
  'username',
  'passwordFile',
  'passwordEnv',
  'ca',
  'fingerprint',
  'insecure',
  'apiFormat',
  'timeout',
  'maxResponseSize',
] as const;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `$XDG_CONFIG_HOME/vbem/config.json`, else `$HOME/.config/vbem/config.json`; none without either. */
export function defaultConfigPath(env: Env): string | undefined {
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
  if (xdg && isAbsolute(xdg)) return join(xdg, 'vbem', 'config.json');
  if (env.HOME) return join(env.HOME, '.config', 'vbem', 'config.json');
  return undefined;
}

/**
 * Reads and checks the config file at `path`. A missing file is `undefined` unless `required`
 * (a `--config` that names no file is a mistake). The file is refused when group or others can
 * write it: whoever can change it can point `url` at their own server and collect the password.
 */
export async function loadConfigFile(
  path: string,
  required: boolean,
  env: Env,
): Promise<ConfigFile | undefined> {
  const localPaths = configFilePaths(path);
  const text = await readLocalFile(path, {
    what: `config file ${path}`,
    maxBytes: MAX_CONFIG_BYTES,
    check: (stats) => {
      if (MODES_APPLY && (stats.mode & 0o022) !== 0) {
        throw new CliError(
          `config file ${path} can be changed by group or others (mode ${modeText(stats.mode)}): whoever can write it can point url at their own server and collect the password`,
          { hint: `chmod go-w ${path}`, localPaths },
        );
      }
    },
  });
  if (text === undefined) {
    if (required) throw new CliError(`config file ${path} does not exist`, { localPaths });
    return undefined;
  }
  return parseConfig(text, path, env);
}

/** The config file's path, as its errors name it (left out of check's status line). */
export const configFilePaths = (path: string): LocalPath[] => [{ path, name: 'the config file' }];

/** Checks the text of a config file by hand, naming the JSON path of each mistake. */
export function parseConfig(text: string, path: string, env: Env): ConfigFile {
  const localPaths = configFilePaths(path);
  const fail = (message: string): never => {
    throw new CliError(`${path}: ${message}`, { localPaths });
  };
  const source = text.replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch {
    // The parser's message quotes the file, which may hold a secret: give only the place.
    const place = jsonErrorPlace(source);
    throw new CliError(`${path} is not valid JSON${place === undefined ? '' : ` (${place})`}`, {
      localPaths,
    });
  }
  const top = objectAt(json, 'the file', fail);
  checkKeys(top, TOP_KEYS, undefined, fail);
  if (top.$schema !== undefined && typeof top.$schema !== 'string')
    fail('$schema must be a string');
  const profiles: Profile[] = [];
  if (top.profiles !== undefined) {
    const entries = objectAt(top.profiles, 'profiles', fail);
    for (const [name, value] of Object.entries(entries)) {
      if (name.trim() === '') fail('profiles: a profile name must not be empty');
      profiles.push(parseProfile(name, value, dirname(path), env, fail));
    }
  }
  let defaultProfile: string | undefined;
  if (top.defaultProfile !== undefined) {
    if (typeof top.defaultProfile !== 'string')
      fail(`defaultProfile must be a string, not ${typeOf(top.defaultProfile)}`);
    defaultProfile = top.defaultProfile as string;
    if (!profiles.some((profile) => profile.name === defaultProfile)) {
      fail(
        `defaultProfile names no profile (profiles: ${profiles.map((profile) => profile.name).join(', ') || 'none'})`,
      );
    }
  }
  return { path, defaultProfile, profiles };
}

function parseProfile(
  name: string,
  value: unknown,
  base: string,
  env: Env,
  fail: (message: string) => never,
): Profile {
  const at = `profiles${jsonKey(name)}`;
  const entry = objectAt(value, at, fail);
  checkKeys(entry, PROFILE_KEYS, at, fail);
  const string = (key: string): string | undefined => {
    const item = entry[key];
    if (item === undefined) return undefined;
    if (typeof item !== 'string' || item === '') {
      fail(
        `${at}.${key} must be a non-empty string${typeof item === 'string' ? '' : `, not ${typeOf(item)}`}`,
      );
    }
    return item as string;
  };
  const url =
    string('url') ??
    fail(`${at}.url is missing: a profile is one EM, e.g. "url": "https://em.example.com:9398"`);
  checkUrl(url, `${at}.url`, fail);
  const profile: { -readonly [K in keyof Profile]: Profile[K] } = { name, url };
  const username = string('username');
  if (username !== undefined) profile.username = username;
  const passwordFile = string('passwordFile');
  if (passwordFile !== undefined) profile.passwordFile = expandPath(passwordFile, env, base);
  const passwordEnv = string('passwordEnv');
  if (passwordEnv !== undefined) {
    if (!ENV_NAME.test(passwordEnv)) {
      fail(
        `${at}.passwordEnv must be the name of an environment variable, e.g. VBEM_PROD_PASSWORD`,
      );
    }
    profile.passwordEnv = passwordEnv;
  }
  if (passwordFile !== undefined && passwordEnv !== undefined) {
    fail(`${at}: give passwordFile or passwordEnv, not both`);
  }
  const ca = string('ca');
  if (ca !== undefined) profile.ca = expandPath(ca, env, base);
  const fingerprint = string('fingerprint');
  if (fingerprint !== undefined) {
    if (!FINGERPRINT.test(fingerprint)) {
      fail(`${at}.fingerprint must be a SHA-256 fingerprint: 32 hex bytes, colons optional`);
    }
    profile.fingerprint = fingerprint;
  }
  if (entry.insecure !== undefined) {
    if (typeof entry.insecure !== 'boolean')
      fail(`${at}.insecure must be true or false, not ${typeOf(entry.insecure)}`);
    profile.insecure = entry.insecure as boolean;
    if (profile.insecure && (ca !== undefined || fingerprint !== undefined)) {
      fail(
        `${at}: insecure: true cannot go with ca or fingerprint (they verify EM's certificate; insecure turns verification off)`,
      );
    }
  }
  if (entry.apiFormat !== undefined) {
    if (entry.apiFormat !== 'xml' && entry.apiFormat !== 'json')
      fail(`${at}.apiFormat must be "xml" or "json"`);
    profile.apiFormat = entry.apiFormat as 'xml' | 'json';
  }
  if (entry.timeout !== undefined) {
    const timeout = entry.timeout;
    if (typeof timeout === 'string') {
      // As --timeout takes it: "90s", "2m".
      try {
        const seconds = timeoutSecondsOf(`${at}.timeout`, timeout);
        if (seconds !== undefined) profile.timeout = seconds;
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        fail(error.message);
      }
    } else {
      if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0) {
        fail(`${at}.timeout must be a number of seconds above 0, or a time such as "90s" or "2m"`);
      }
      profile.timeout = timeout as number;
    }
  }
  if (entry.maxResponseSize !== undefined) {
    const size = entry.maxResponseSize;
    // As --max-response-size takes it: "64MiB", or a number of MiB.
    const text = typeof size === 'number' && Number.isFinite(size) ? String(size) : size;
    if (typeof text !== 'string') {
      fail(`${at}.maxResponseSize must be a size such as "64MiB" or a number of MiB`);
    }
    try {
      const bytes = responseBytesOf(`${at}.maxResponseSize`, text as string);
      if (bytes !== undefined) profile.maxResponseBytes = bytes;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      fail(error.message);
    }
  }
  return profile;
}

/**
 * An `http(s)://host[:port][/path]` URL without credentials, query or fragment. Messages never
 * repeat the URL: it may hold a password.
 */
export function checkUrl(url: string, at: string, fail: (message: string) => never): void {
  const parsed = urlOf(url);
  if (parsed?.username || parsed?.password || (parsed === undefined && hasCredentials(url))) {
    fail(
      `${at} must not carry a username or password: give the username and a password source on their own`,
    );
  }
  if (parsed === undefined) {
    fail(`${at} is not a valid URL: ${whyNotUrl(url)}`);
    return;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    fail(`${at} must be an https or http URL, e.g. https://em.example.com:9398`);
  }
  if (parsed.search !== '' || parsed.hash !== '') fail(`${at} must not have a query or a fragment`);
}

function urlOf(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function objectAt(
  value: unknown,
  at: string,
  fail: (message: string) => never,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(`${at} must be an object, not ${typeOf(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Unknown keys are mistakes (a typo would otherwise be ignored); a password gets its own answer. */
function checkKeys(
  entry: Record<string, unknown>,
  known: readonly string[],
  at: string | undefined,
  fail: (message: string) => never,
): void {
  for (const key of Object.keys(entry)) {
    const where = at === undefined ? key : `${at}.${key}`;
    if (/^pass(word)?$/i.test(key)) {
      fail(
        `${where}: a password does not belong in a config file; put it in a file only you can read (chmod 600) and name that file as passwordFile, or name an environment variable that holds it as passwordEnv`,
      );
    }
    if (!known.includes(key)) fail(`${where} is not a known key (known: ${known.join(', ')})`);
  }
}

/** `.prod`, or `["my prod"]` for a name that is no identifier. */
const jsonKey = (name: string): string =>
  /^[A-Za-z_$][\w$-]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;

const typeOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;
