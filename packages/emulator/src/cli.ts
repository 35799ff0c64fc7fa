import { parseArgs } from 'node:util';
import { CONNECTION_TIMEOUT_RANGE } from './connection-timeouts.js';
import { DEFAULT_USER } from './emulator-options.js';
import { readFlagFile } from './flag-file.js';
import { flagMessage } from './flag-message.js';
import { faultRuleOfFlag } from './http/fault-flag.js';
import type { FaultRule } from './http/fault-rule.js';
import { instantOfFlag } from './instant-flag.js';
import { PACKAGE_VERSION } from './package-version.js';
import { accountPasswordOf, PASSWORD_FLAG_WARNING, PASSWORD_VARIABLE } from './password-flag.js';
import { startEmulator } from './start-emulator.js';
import {
  TLS_PASSPHRASE_VARIABLE,
  type TlsPassphrase,
  tlsPassphraseOf,
} from './tls-passphrase-flag.js';

const USAGE = `usage: vbem-emulator [options]

Runs a Veeam Backup Enterprise Manager REST API emulator in the foreground (Ctrl-C stops it).

  --host ADDRESS       interface to bind (default 127.0.0.1)
  --port N             port (default 9399; 0 picks a free one)
  --seed N             dataset seed, negative or not (default 1)
  --servers N          backup servers (default 2)
  --jobs N             jobs (default 24)
  --days N             days of history (default 45)
  --sessions N         scheduled runs per job per day (default 1)
  --running N          sessions still running, each its own job's (default 2, at most --jobs)
  --em-version 12|13   EM generation to imitate (default 13)
  --user NAME          account name (default ${DEFAULT_USER.username})
  --password-file FILE account password, read from FILE (only its owner may read it; one
                       trailing line break trimmed); or ${PASSWORD_VARIABLE} (default ${DEFAULT_USER.password})
  --password TEXT      the same on the command line, where ps shows it to every user (warns)
  --now ISO-TIME       a fixed clock, such as 2026-11-20T06:00:00Z: the dataset ends then and
                       the emulator's clock stands still there, so every run serves the same
                       answers (default: the system clock, the dataset ending at start)
  --fault RULE         inject a fault, repeatable: KIND[:VALUE][,key=value...], e.g.
                         latency:1500,method=GET       status:503,retry-after=5,path=/jobs
                         reset:acted,path=/sessionMngr expire-token,after=2,times=Infinity
                       kinds: latency (ms), status (status 401|403|429|500|502|503|504,
                       retry-after), expire-token, dead-session, reset, truncate, malformed,
                       stall (these four: acted); every kind: method, path (below /api) or path-regexp,
                       after (matches skipped, default 0), times (default 1, or Infinity)
  --stop-task-polls N  answers that show a stop task Running, the 202 included, before it
                       finishes and the session, Stopping meanwhile, is Stopped (default 1;
                       0: at once)
  --headers-timeout MS
                       time a client may take over its request headers before it is
                       answered 408 and disconnected (default 10000)
  --request-timeout MS
                       time a client may take over its whole request (default 30000)
  --keep-alive-timeout MS
                       time a kept-alive connection may stay idle (default 5000)
  --tls-key FILE       serve HTTPS with this PEM key ...
  --tls-cert FILE      ... and this PEM certificate
  --tls-passphrase-file FILE
                       the passphrase of an encrypted --tls-key, read from FILE (one
                       trailing line break trimmed); or ${TLS_PASSPHRASE_VARIABLE}.
                       Never on the command line, where ps shows it to every user
  -V, --version        print the version and exit
  -h, --help           print this and exit`;

/**
 * The number a flag gives. Any whole number, negative or not, is passed on for startEmulator to
 * check, whose error says the flag's range (`--headers-timeout -5`: `from 1 to …, got -5`); text
 * that is none is refused here, saying what the flag takes (`allowed`).
 */
const integer = (
  name: string,
  text: string | undefined,
  fallback: number,
  allowed: string,
): number => {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text))
    throw new Error(`--${name} must be ${allowed}, not ${JSON.stringify(text)}`);
  return Number(text);
};
/** What a dataset count flag (`--jobs`) takes; startEmulator says its maximum. */
const COUNT = 'a whole number of at least 0';

/**
 * The arguments with `--seed -5` joined as `--seed=-5`: parseArgs takes a value that starts with
 * a dash for an option of its own, and refuses it as ambiguous.
 */
function negativeValuesJoined(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const next = argv[index + 1];
    if (/^--[a-z-]+$/.test(arg) && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${arg}=${next}`);
      index++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(negativeValuesJoined(argv)).values;
  } catch (error) {
    // Exit 1, as for a bad value: the README documents one exit code for every refusal.
    console.error(`vbem-emulator: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.version) {
    console.log(PACKAGE_VERSION);
    return 0;
  }
  let passphrase: TlsPassphrase | undefined;
  try {
    if ((values['tls-key'] === undefined) !== (values['tls-cert'] === undefined))
      throw new Error('--tls-key and --tls-cert go together');
    if (values['tls-passphrase-file'] !== undefined && values['tls-key'] === undefined)
      throw new Error('--tls-passphrase-file needs --tls-key');
    // Without --tls-key the variable is let be: it may be exported for other runs.
    if (values['tls-key'] !== undefined)
      passphrase = tlsPassphraseOf(values['tls-passphrase-file'], process.env);
    const emVersion = integer('em-version', values['em-version'], 13, '12 or 13');
    if (emVersion !== 12 && emVersion !== 13) throw new Error('--em-version must be 12 or 13');
    const username = values.user ?? DEFAULT_USER.username;
    const { password, isDefault } = accountPasswordOf(
      { password: values.password, passwordFile: values['password-file'] },
      process.env,
    );
    // Still taken, for the scripts that give it, but never without saying what it exposes.
    if (values.password !== undefined) console.error(PASSWORD_FLAG_WARNING);
    const now = values.now === undefined ? undefined : instantOfFlag('--now', values.now);
    const faults: FaultRule[] = (values.fault ?? []).map(faultRuleOfFlag);
    const emulator = await startEmulator({
      host: values.host ?? '127.0.0.1',
      port: integer('port', values.port, 9399, 'a whole number from 0 to 65535'),
      emVersion,
      users: [{ username, password }],
      ...timeoutOptions(values),
      // The clock stands still at --now: the same answers every run, and no idle logon expiry.
      ...(now !== undefined && { now: () => now }),
      ...(faults.length > 0 && { faults }),
      ...(values['stop-task-polls'] !== undefined && {
        stopTaskPolls: integer('stop-task-polls', values['stop-task-polls'], 1, COUNT),
      }),
      dataset: {
        ...(now !== undefined && { now }),
        seed: integer('seed', values.seed, 1, 'a whole number, negative or not'),
        servers: integer('servers', values.servers, 2, COUNT),
        jobs: integer('jobs', values.jobs, 24, COUNT),
        days: integer('days', values.days, 45, COUNT),
        sessionsPerDay: integer('sessions', values.sessions, 1, COUNT),
        ...(values.running !== undefined && {
          runningSessions: integer('running', values.running, 0, COUNT),
        }),
      },
      ...(values['tls-key'] !== undefined &&
        values['tls-cert'] !== undefined && {
          tls: {
            key: readFlagFile('--tls-key', values['tls-key']),
            cert: readFlagFile('--tls-cert', values['tls-cert']),
            passphrase: passphrase?.passphrase,
          },
        }),
    });
    // Listening for the signals before the ready line: a script may signal as soon as it reads it.
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    console.log(
      `vbem-emulator: ${emulator.url}/api/ (EM ${emVersion}, ${emulator.dataset.jobSessions.count} job sessions${now === undefined ? '' : `, clock fixed at ${now.toISOString()}`}${faults.length === 0 ? '' : `, ${faults.length} fault rule${faults.length === 1 ? '' : 's'}`})`,
    );
    console.log(`log on as ${logOnHint(username, isDefault)}; Ctrl-C stops`);
    await stopped;
    await emulator.close();
    return 0;
  } catch (error) {
    console.error(
      `vbem-emulator: ${flagMessage(error, { passphraseFrom: passphrase?.source, nowGiven: values.now !== undefined })}`,
    );
    return 1;
  }
}

/** The connection limits the flags give; a limit not given is left to the emulator's default. */
function timeoutOptions(values: ReturnType<typeof parse>['values']): {
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
} {
  const limit = (name: string, text: string | undefined) =>
    text === undefined ? undefined : integer(name, text, 0, CONNECTION_TIMEOUT_RANGE);
  const headersTimeoutMs = limit('headers-timeout', values['headers-timeout']);
  const requestTimeoutMs = limit('request-timeout', values['request-timeout']);
  const keepAliveTimeoutMs = limit('keep-alive-timeout', values['keep-alive-timeout']);
  return {
    ...(headersTimeoutMs !== undefined && { headersTimeoutMs }),
    ...(requestTimeoutMs !== undefined && { requestTimeoutMs }),
    ...(keepAliveTimeoutMs !== undefined && { keepAliveTimeoutMs }),
  };
}

/** Who to log on as, with the password only when it is the default one: a custom one is never printed. */
function logOnHint(username: string, isDefaultPassword: boolean): string {
  if (!isDefaultPassword) return `${username} with the password given`;
  return username === DEFAULT_USER.username
    ? `${username} / ${DEFAULT_USER.password} (the default account)`
    : `${username} / ${DEFAULT_USER.password} (the default password)`;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      seed: { type: 'string' },
      servers: { type: 'string' },
      jobs: { type: 'string' },
      days: { type: 'string' },
      sessions: { type: 'string' },
      running: { type: 'string' },
      'em-version': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      'password-file': { type: 'string' },
      now: { type: 'string' },
      fault: { type: 'string', multiple: true },
      'stop-task-polls': { type: 'string' },
      'headers-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'keep-alive-timeout': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-passphrase-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
    },
  });
}

process.exitCode = await main(process.argv.slice(2));
