import { type ClientOptions, plainHttpWarning, type ResponseFormat } from '@vbem/client';
import { toSingleLine } from '@vbem/reporting';
import { CliError, type LocalPath, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { doctorFlagsOf } from '../doctor-flags.js';
import type { ProfilePlace } from '../pin-advice.js';
import {
  type ConfigFile,
  checkUrl,
  configFilePaths,
  defaultConfigPath,
  loadConfigFile,
  type Profile,
} from './config-file.js';
import type { ConnectionFlags } from './connection-flags.js';
import { expandPath } from './local-file.js';
import {
  firstPassword,
  noPasswordError,
  type PasswordAccount,
  type PasswordSource,
  passwordSourceName,
  readPasswordFile,
} from './password-source.js';
import { DEFAULT_MAX_RESPONSE_BYTES, responseBytesOf } from './response-size.js';
import type { Target } from './target.js';
import { timeoutSecondsOf } from './timeout-seconds.js';
import { checkFingerprint, type ResolvedTls, resolveTls, type TlsSettings } from './tls-flags.js';

type Env = CliIo['env'];

/** The request options a flag or a profile may set; the flag wins. */
interface RequestSettings {
  readonly format: ResponseFormat | undefined;
  /** Milliseconds. */
  readonly timeout: number | undefined;
  /** Bytes of one answer's body. */
  readonly maxResponseBytes: number | undefined;
}

/** A resolved target and the warning to print for it (TLS verification off). */
interface Resolved {
  readonly target: Target;
  readonly warning: string | undefined;
}

const set = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

const profileOrigin = (key: string, profile: Profile) => `${key} of profile ${profile.name}`;

/**
 * The EMs a command talks to, from the flags, the environment and the config file:
 *
 * - one EM: `--url`, else `VBEM_URL`, else the profile (`--profile`, or the config file's
 *   `defaultProfile` when no URL is given); the same for `--username` / `VBEM_USERNAME`. Flags
 *   override profile values. The password: `--password-file`, `--password-stdin`, else the
 *   profile's `passwordFile` or `passwordEnv` and nothing else, else `VBEM_PASSWORD`, then a
 *   prompt when stdin is a terminal. An explicit `--profile` puts its own values before the
 *   environment's (VBEM_URL is ignored).
 * - `--all`: every profile, each with its own `passwordFile` / `passwordEnv`, else the shared
 *   `--password-file`, `--password-stdin` or `VBEM_PASSWORD`; never a prompt. A profile without a
 *   username, or profiles without a source when no shared password is given, are a usage error
 *   before anything runs. A profile whose own password source or CA file fails (an unset
 *   `passwordEnv`, a missing or group-readable `passwordFile`) gets its `failure` instead: that EM
 *   fails alone, the others still run.
 *
 * A profile that names its password source never borrows another one: VBEM_PASSWORD may be another
 * EM's password, so an unset `passwordEnv` is an error, not a reason to look further.
 *
 * With TLS verification off, or over plain http to another machine, a warning goes to stderr for
 * each target. Nothing secret appears in a message or a target's name.
 */
export async function resolveTargets(flags: ConnectionFlags, io: CliIo): Promise<Target[]> {
  checkFlags(flags);
  const request = requestFlags(flags);
  const resolved = flags.all
    ? await allTargets(flags, io, request)
    : [await oneTarget(flags, io, request)];
  for (const { target, warning } of resolved) {
    // Printed on every run, --quiet or not, as the password would cross the network in the clear.
    for (const each of [plainHttpWarning(target.options.url), warning]) {
      if (each === undefined) continue;
      // A profile's name is the config file's text: inert, as the server's is.
      io.stderr.write(
        `vbem: warning: ${toSingleLine(`${flags.all ? `${target.name}: ` : ''}${each}`)}\n`,
      );
    }
  }
  // The doctor of an EM that failed is named in hints with the flags of this run it takes.
  const doctorFlags = doctorFlagsOf(flags);
  return resolved.map(({ target }) =>
    doctorFlags.length === 0 ? target : { ...target, doctorFlags },
  );
}

/** Combinations that cannot work, refused before any file is read. */
function checkFlags(flags: ConnectionFlags): void {
  if (flags.all && (flags.url !== undefined || flags.profile !== undefined)) {
    throw new UsageError(
      `--all takes every profile of the config file; it cannot go with ${flags.url !== undefined ? '--url' : '--profile'}`,
      'drop --all to reach one EM, or drop --url / --profile to reach them all',
    );
  }
  if (flags.all && flags.fingerprint !== undefined) {
    throw new UsageError(
      '--fingerprint pins one certificate, and --all reaches several EMs',
      'give each profile its own fingerprint in the config file',
    );
  }
  if (flags.passwordFile !== undefined && flags.passwordStdin) {
    throw new UsageError('--password-file and --password-stdin: give one of them');
  }
  if (flags.insecure && (flags.ca !== undefined || flags.fingerprint !== undefined)) {
    const other = flags.ca !== undefined ? '--ca' : '--fingerprint';
    throw new UsageError(
      `${other} cannot go with --insecure: ${other} verifies EM's certificate, --insecure turns verification off`,
      'keep the certificate check and drop --insecure',
    );
  }
  if (flags.fingerprint !== undefined) {
    checkFingerprint({ value: flags.fingerprint, origin: '--fingerprint' });
  }
}

/** Flags that name an EM or its credentials, which `--demo` replaces. */
const CONNECTION_FLAGS: readonly (readonly [keyof ConnectionFlags, string])[] = [
  ['url', '--url'],
  ['username', '--username'],
  ['passwordFile', '--password-file'],
  ['passwordStdin', '--password-stdin'],
  ['ca', '--ca'],
  ['fingerprint', '--fingerprint'],
  ['insecure', '--insecure'],
  ['config', '--config'],
  ['profile', '--profile'],
  ['all', '--all'],
];

/**
 * The request settings of the `--demo` target (`--api-format`, `--timeout`, checked as for an EM).
 * A flag naming an EM or credentials is a usage error: the demo would silently not be what it says.
 */
export function demoRequestSettings(flags: ConnectionFlags): {
  format?: ResponseFormat;
  timeout?: number;
  maxResponseBytes?: number;
} {
  const given = CONNECTION_FLAGS.filter(
    ([key]) => flags[key] !== undefined && flags[key] !== false,
  );
  if (given.length > 0) {
    throw new UsageError(
      `--demo connects to the embedded emulator: it takes no ${given.map(([, flag]) => flag).join(', ')}`,
    );
  }
  return requestFlags(flags);
}

function requestFlags(flags: ConnectionFlags): {
  format?: ResponseFormat;
  timeout?: number;
  maxResponseBytes?: number;
} {
  const settings: { format?: ResponseFormat; timeout?: number; maxResponseBytes?: number } = {};
  if (flags.apiFormat !== undefined) {
    if (flags.apiFormat !== 'xml' && flags.apiFormat !== 'json') {
      throw new UsageError(`--api-format: ${JSON.stringify(flags.apiFormat)} is not xml or json`);
    }
    settings.format = flags.apiFormat;
  }
  const seconds = timeoutSecondsOf('--timeout', flags.timeout);
  if (seconds !== undefined) settings.timeout = Math.max(1, Math.round(seconds * 1000));
  const maxResponseBytes = responseBytesOf('--max-response-size', flags.maxResponseSize);
  if (maxResponseBytes !== undefined) settings.maxResponseBytes = maxResponseBytes;
  return settings;
}

/** The config file of `--config` (which must exist), else the default one (which may not). */
async function configOf(flags: ConnectionFlags, env: Env): Promise<ConfigFile | undefined> {
  if (flags.config !== undefined) return loadConfigFile(expandPath(flags.config, env), true, env);
  const path = defaultConfigPath(env);
  return path === undefined ? undefined : loadConfigFile(path, false, env);
}

const configName = (flags: ConnectionFlags, env: Env): string =>
  flags.config ?? defaultConfigPath(env) ?? '~/.config/vbem/config.json (HOME is not set)';

/** The config file that is not there, as check's status line names it (see LocalPath). */
const missingConfigPaths = (flags: ConnectionFlags, env: Env): LocalPath[] => [
  { path: configName(flags, env), name: 'its default place' },
];

const profileNames = (config: ConfigFile): string =>
  config.profiles.map((profile) => profile.name).join(', ');

function pickProfile(
  config: ConfigFile | undefined,
  name: string,
  flags: ConnectionFlags,
  env: Env,
): Profile {
  if (config === undefined) {
    throw new UsageError(
      `unknown profile ${JSON.stringify(name)}: there is no config file at ${configName(flags, env)}`,
      'create it with a "profiles" object, or give --config FILE',
      missingConfigPaths(flags, env),
    );
  }
  const profile = config.profiles.find((candidate) => candidate.name === name);
  if (!profile) {
    throw new UsageError(
      `unknown profile ${JSON.stringify(name)}; ${config.path} has ${config.profiles.length === 0 ? 'no profiles' : `these: ${profileNames(config)}`}`,
      undefined,
      configFilePaths(config.path),
    );
  }
  return profile;
}

async function oneTarget(
  flags: ConnectionFlags,
  io: CliIo,
  request: Partial<RequestSettings>,
): Promise<Resolved> {
  const env = io.env;
  // An explicit --profile beats the environment: VBEM_URL and VBEM_PASSWORD exported for one EM
  // must not send a profile's credentials elsewhere, or another EM's password to the profile.
  const givenUrl = flags.url ?? (flags.profile === undefined ? set(env.VBEM_URL) : undefined);
  // The config file is read only when it is asked for or needed: a broken file that is not used
  // does not stop `--url`.
  const wantsConfig =
    flags.config !== undefined || flags.profile !== undefined || givenUrl === undefined;
  const config = wantsConfig ? await configOf(flags, env) : undefined;
  let profile: Profile | undefined;
  if (flags.profile !== undefined) profile = pickProfile(config, flags.profile, flags, env);
  else if (givenUrl === undefined && config?.defaultProfile !== undefined) {
    profile = pickProfile(config, config.defaultProfile, flags, env);
  }

  const url = givenUrl ?? profile?.url;
  if (url === undefined) {
    throw new UsageError(
      'no EM to connect to: give --url (or set VBEM_URL), --profile NAME, or --demo',
      config !== undefined && config.profiles.length > 0
        ? `${config.path} has profiles (${profileNames(config)}) but no defaultProfile`
        : `profiles go in ${configName(flags, env)}`,
    );
  }
  // Where the URL came from, as messages name it: without --url or VBEM_URL, the profile's.
  const urlOrigin =
    flags.url !== undefined
      ? '--url'
      : givenUrl !== undefined
        ? 'VBEM_URL'
        : profileOrigin('url', profile as Profile);
  if (givenUrl !== undefined) {
    checkUrl(url, urlOrigin, (message) => {
      throw new UsageError(message);
    });
  }
  const host = new URL(url).host;
  const username =
    flags.username ??
    (flags.profile === undefined
      ? (set(env.VBEM_USERNAME) ?? profile?.username)
      : (profile?.username ?? set(env.VBEM_USERNAME)));
  if (username === undefined || username === '') {
    throw new UsageError(
      profile
        ? `no username for ${host}: give --username, set VBEM_USERNAME, or add "username" to profile ${profile.name}`
        : `no username for ${host}: give --username or set VBEM_USERNAME`,
    );
  }

  const sources: PasswordSource[] = flagPasswordSources(flags, env);
  const own = profile === undefined ? undefined : ownPasswordSource(profile);
  if (own !== undefined) sources.push(own);
  else sources.push({ kind: 'env', name: 'VBEM_PASSWORD' }, { kind: 'prompt' });
  const account: PasswordAccount = { username, host };
  const tls = await resolveTls(tlsSettings(flags, profile, env), { value: url, origin: urlOrigin });
  const found = await firstPassword(sources, io, account);
  if (found === undefined) {
    if (own?.kind === 'env' && profile !== undefined) {
      throw new UsageError(
        `no password for ${username} at ${host}: ${unsetText(own)}`,
        `set ${own.name}, or give --password-file FILE or --password-stdin; profile ${profile.name} takes its password from ${own.name} only`,
      );
    }
    throw noPasswordError(account, sources);
  }
  return {
    target: {
      name: profile?.name ?? host,
      options: clientOptions(url, username, found.password, tls.tls, request, profile),
      passwordSource: passwordSourceName(found.source),
      ...(profile === undefined || config === undefined
        ? {}
        : { profile: profilePlace(profile.name, config.path, flags, env) }),
    },
    warning: tls.warning,
  };
}

/** Where a profile's settings came from: its name, and its config file, named by --config when not the default one. */
const profilePlace = (
  name: string,
  configFile: string,
  flags: ConnectionFlags,
  env: Env,
): ProfilePlace => ({
  name,
  configFile,
  ...(flags.config === undefined || configFile === defaultConfigPath(env)
    ? {}
    : { fromConfigFlag: true }),
});

/** The profile's own `passwordFile` or `passwordEnv`, the only source it may take a password from. */
function ownPasswordSource(profile: Profile): PasswordSource | undefined {
  if (profile.passwordFile !== undefined) {
    return {
      kind: 'file',
      path: profile.passwordFile,
      origin: profileOrigin('passwordFile', profile),
    };
  }
  if (profile.passwordEnv !== undefined) {
    return {
      kind: 'env',
      name: profile.passwordEnv,
      origin: profileOrigin('passwordEnv', profile),
    };
  }
  return undefined;
}

const unsetText = (source: { readonly name: string; readonly origin?: string }): string =>
  `${source.name} (${source.origin}) is not set`;

/** The password sources the command line names: `--password-file`, then `--password-stdin`. */
function flagPasswordSources(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
): PasswordSource[] {
  const sources: PasswordSource[] = [];
  if (flags.passwordFile !== undefined) {
    sources.push({
      kind: 'file',
      path: expandPath(flags.passwordFile, env),
      origin: '--password-file',
    });
  }
  if (flags.passwordStdin) sources.push({ kind: 'stdin' });
  return sources;
}

async function allTargets(
  flags: ConnectionFlags,
  io: CliIo,
  request: Partial<RequestSettings>,
): Promise<Resolved[]> {
  const env = io.env;
  const config = await configOf(flags, env);
  if (config === undefined || config.profiles.length === 0) {
    throw new UsageError(
      `--all reaches every profile of the config file, and ${config ? `${config.path} has none` : `there is no config file at ${configName(flags, env)}`}`,
      'add profiles to it ({"profiles": {"prod": {"url": …, "username": …, "passwordFile": …}}}), or give --config FILE',
      config ? configFilePaths(config.path) : missingConfigPaths(flags, env),
    );
  }
  const usernames = new Map<string, string>();
  const missingUser: string[] = [];
  for (const profile of config.profiles) {
    const username = flags.username ?? profile.username ?? set(env.VBEM_USERNAME);
    if (username === undefined) missingUser.push(profile.name);
    else usernames.set(profile.name, username);
  }
  if (missingUser.length > 0) {
    throw new UsageError(
      `no username for ${plural('profile', missingUser)}: add "username" to ${missingUser.length === 1 ? 'it' : 'each'} in ${config.path}, or give --username or VBEM_USERNAME for all`,
      undefined,
      configFilePaths(config.path),
    );
  }

  // Each profile's own password source, and only that; the others share one of --password-file,
  // --password-stdin and VBEM_PASSWORD, read once. --all never prompts.
  const needShared = config.profiles.filter(
    (profile) => profile.passwordFile === undefined && profile.passwordEnv === undefined,
  );
  let shared: string | undefined;
  if (needShared.length > 0) {
    const sources: PasswordSource[] = [
      ...flagPasswordSources(flags, env),
      { kind: 'env', name: 'VBEM_PASSWORD' },
    ];
    const account: PasswordAccount = {
      username: [...new Set(needShared.map((profile) => usernames.get(profile.name)))].join(' / '),
      host: needShared.map((profile) => new URL(profile.url).host).join(', '),
    };
    shared = (await firstPassword(sources, io, account))?.password;
    if (shared === undefined) {
      throw new UsageError(
        `no password for ${plural(
          'profile',
          needShared.map((profile) => profile.name),
        )}; --all never prompts`,
        `give each profile passwordFile or passwordEnv in ${config.path}, or set VBEM_PASSWORD (or --password-file, --password-stdin) for the profiles without one`,
      );
    }
  }

  const resolved: Resolved[] = [];
  for (const profile of config.profiles) {
    const username = usernames.get(profile.name) ?? '';
    const place = profilePlace(profile.name, config.path, flags, env);
    // One profile's local mistake fails that EM alone, as its 401 would: the others still run.
    const failed = (error: unknown, setting: 'password' | 'tls', tls?: ClientOptions['tls']) => {
      if (!(error instanceof CliError)) throw error;
      resolved.push({
        target: {
          name: profile.name,
          options: clientOptions(profile.url, username, '', tls, request, profile),
          failure: error,
          failedSetting: setting,
          profile: place,
        },
        warning: undefined,
      });
    };
    let tls: ResolvedTls;
    try {
      tls = await resolveTls(tlsSettings(flags, profile, env), {
        value: profile.url,
        origin: profileOrigin('url', profile),
      });
    } catch (error) {
      failed(error, 'tls');
      continue;
    }
    let password: string;
    try {
      password = await ownPassword(profile, env, shared);
    } catch (error) {
      failed(error, 'password', tls.tls);
      continue;
    }
    resolved.push({
      target: {
        name: profile.name,
        options: clientOptions(profile.url, username, password, tls.tls, request, profile),
        passwordSource: passwordSourceText(profile, flags),
        profile: place,
      },
      warning: tls.warning,
    });
  }
  return resolved;
}

/** Where a profile's password comes from under --all, in words. */
function passwordSourceText(profile: Profile, flags: ConnectionFlags): string {
  if (profile.passwordFile !== undefined) {
    return `${profile.passwordFile} (${profileOrigin('passwordFile', profile)})`;
  }
  if (profile.passwordEnv !== undefined) {
    return `${profile.passwordEnv} (${profileOrigin('passwordEnv', profile)})`;
  }
  if (flags.passwordFile !== undefined) return '--password-file';
  return flags.passwordStdin ? '--password-stdin' : 'VBEM_PASSWORD';
}

/** A profile's password under --all: its own source, else the shared one read before. */
async function ownPassword(
  profile: Profile,
  env: Env,
  shared: string | undefined,
): Promise<string> {
  if (profile.passwordFile !== undefined) {
    return readPasswordFile(profile.passwordFile, profileOrigin('passwordFile', profile));
  }
  if (profile.passwordEnv === undefined) return shared ?? '';
  const password = set(env[profile.passwordEnv]);
  if (password === undefined) {
    throw new UsageError(
      `no password for profile ${profile.name}: ${unsetText({ name: profile.passwordEnv, origin: profileOrigin('passwordEnv', profile) })}`,
      `set ${profile.passwordEnv}; a profile that names passwordEnv or passwordFile takes its password from there only`,
    );
  }
  return password;
}

function tlsSettings(flags: ConnectionFlags, profile: Profile | undefined, env: Env): TlsSettings {
  const settings: { -readonly [K in keyof TlsSettings]: TlsSettings[K] } = {};
  if (flags.ca !== undefined) settings.ca = { value: expandPath(flags.ca, env), origin: '--ca' };
  else if (profile?.ca !== undefined)
    settings.ca = { value: profile.ca, origin: profileOrigin('ca', profile) };
  if (flags.fingerprint !== undefined)
    settings.fingerprint = { value: flags.fingerprint, origin: '--fingerprint' };
  else if (profile?.fingerprint !== undefined) {
    settings.fingerprint = {
      value: profile.fingerprint,
      origin: profileOrigin('fingerprint', profile),
    };
  }
  if (flags.insecure) settings.insecure = { value: true, origin: '--insecure' };
  else if (profile?.insecure)
    settings.insecure = { value: true, origin: `insecure: true in profile ${profile.name}` };
  return settings;
}

function clientOptions(
  url: string,
  username: string,
  password: string,
  tls: ClientOptions['tls'] | undefined,
  request: Partial<RequestSettings>,
  profile: Profile | undefined,
): ClientOptions {
  const format = request.format ?? profile?.apiFormat;
  const timeout =
    request.timeout ??
    (profile?.timeout === undefined ? undefined : Math.max(1, Math.round(profile.timeout * 1000)));
  const maxResponseBytes =
    request.maxResponseBytes ?? profile?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return {
    url,
    username,
    password,
    ...(format === undefined ? {} : { format }),
    ...(timeout === undefined ? {} : { timeout }),
    maxResponseBytes,
    ...(tls === undefined ? {} : { tls }),
  };
}

const plural = (noun: string, names: readonly string[]): string =>
  `${noun}${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
