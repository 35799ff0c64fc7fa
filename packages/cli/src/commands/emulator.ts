import {
  DatasetOptionsError,
  DEFAULT_DATASET_OPTIONS,
  DEFAULT_USER,
  EmulatorOptionsError,
  FaultFlagError,
  type FaultRule,
  faultRuleOfFlag,
  flagProblemOf,
  type RunningEmulator,
  startEmulator,
} from '@vbem/emulator';
import { type Command, Option } from 'commander';
import { CliCommand } from '../cli-command.js';
import { CliError, UsageError } from '../cli-error.js';
import type { CommandContext, OutputFlags } from '../command-context.js';
import { DEMO_DATASET } from '../connection/demo.js';
import { readLocalFile } from '../connection/local-file.js';
import { EMULATOR_PASSWORD_VARIABLE, emulatorPassword } from '../emulator-password.js';
import {
  EMULATOR_TLS_PASSPHRASE_VARIABLE,
  emulatorTlsPassphrase,
  type TlsPassphrase,
} from '../emulator-tls-passphrase.js';
import { addOutputOptions } from '../global-options.js';
import { instantOf, integerOf } from '../option-values.js';

interface EmulatorFlags extends OutputFlags {
  readonly host: string;
  readonly port: string;
  readonly seed: string;
  readonly jobs: string;
  readonly days: string;
  readonly servers: string;
  readonly sessions: string;
  readonly running: string;
  readonly emVersion: string;
  readonly user: string;
  readonly passwordFile?: string;
  readonly now?: string;
  readonly fault?: readonly string[];
  readonly tlsKey?: string;
  readonly tlsCert?: string;
  readonly tlsPassphraseFile?: string;
  readonly headersTimeout?: string;
  readonly requestTimeout?: string;
  readonly keepAliveTimeout?: string;
}

/** The emulator's connection limits, each the option of startEmulator its flag sets. */
const TIMEOUT_FLAGS = {
  headersTimeoutMs: '--headers-timeout',
  requestTimeoutMs: '--request-timeout',
  keepAliveTimeoutMs: '--keep-alive-timeout',
} as const;

const MAX_PORT = 65_535;
/** A PEM key or certificate chain is a few kilobytes. */
const MAX_PEM_BYTES = 1024 * 1024;
/** The syntax of a `--fault` rule, as `vbem-emulator` reads it (see the emulator's README). */
const FAULT_SYNTAX =
  'KIND[:VALUE][,key=value...]: latency:MS, status:401|403|429|500|502|503|504 (retry-after=), expire-token, dead-session, reset, truncate, malformed or stall (these four: acted), each with method=, path= (below /api) or path-regexp=, after= (matches skipped) and times= (default 1, or Infinity); e.g. status:503,path=/jobs,times=2';

/** What the key needs, in the words of `vbem-emulator`: where its passphrase is given. */
const PASSPHRASE_FLAGS = `--tls-passphrase-file FILE or ${EMULATOR_TLS_PASSPHRASE_VARIABLE}`;

/**
 * The emulator's own refusals (a port it cannot bind, a dataset it will not build, a key it
 * cannot use) in the CLI's words; `passphrase`, where the key's passphrase came from, if given.
 */
function startFailure(
  error: unknown,
  host: string,
  port: number,
  passphrase: TlsPassphrase | undefined,
  nowGiven: boolean,
): unknown {
  // The emulator names the option it could not listen with, Node's error as the cause.
  const code =
    (error as NodeJS.ErrnoException).code ??
    ((error as { cause?: unknown }).cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new CliError(`port ${port} on ${host} is in use (EADDRINUSE)`, {
      hint: 'give another --port, or --port 0 for a free one',
    });
  }
  if (code === 'EACCES') {
    return new CliError(`port ${port} on ${host} may not be bound by this user (EACCES)`, {
      hint: 'give a port above 1023, or --port 0 for a free one',
    });
  }
  // Said with the flags of the dataset's options (`--days`, `--now`), as vbem-emulator says them.
  if (error instanceof DatasetOptionsError) {
    const problem = flagProblemOf(error, { nowGiven });
    return new UsageError(
      problem === undefined
        ? `the dataset: ${error.option} ${error.problem}`
        : `${problem.flag} ${problem.problem}`,
    );
  }
  // The emulator names its own option; said here with the flag that gave it.
  // A limit out of its range is refused before it starts; what is left is headers past the request.
  if (error instanceof EmulatorOptionsError && Object.hasOwn(TIMEOUT_FLAGS, error.option)) {
    const flag = TIMEOUT_FLAGS[error.option as keyof typeof TIMEOUT_FLAGS];
    return new UsageError(
      `${flag}: ${error.problem.replace('requestTimeoutMs (', '--request-timeout (')}`,
    );
  }
  if (error instanceof EmulatorOptionsError && error.option === 'host') {
    return new CliError(`--host: ${error.problem}`, {
      hint: 'give --host an address of one of its interfaces, or leave it out for 127.0.0.1',
      cause: error,
    });
  }
  if (error instanceof EmulatorOptionsError && /^tls\b/.test(error.option)) {
    // The emulator names its option (tls.passphrase); said with the flag or variable instead.
    const problem = error.problem
      .replace(/^is not /, 'not ')
      .replace(
        '(an encrypted key needs tls.passphrase)',
        `(an encrypted key needs its passphrase: ${PASSPHRASE_FLAGS})`,
      )
      .replace(
        '(is tls.passphrase right?)',
        `(is the passphrase${passphrase === undefined ? '' : ` of ${passphrase.source}`} right?)`,
      );
    return new CliError(`--tls-key and --tls-cert were refused: ${problem}`, {
      hint: `give --tls-key a PEM key (an encrypted one with its passphrase: ${PASSPHRASE_FLAGS}) and --tls-cert the PEM certificate made for it`,
      cause: error,
    });
  }
  // The rest (a --user with a colon) in terms of its flag, not `EmulatorOptions.users[0]…`.
  const problem = error instanceof EmulatorOptionsError ? flagProblemOf(error) : undefined;
  return problem === undefined ? error : new UsageError(`${problem.flag} ${problem.problem}`);
}

/**
 * A flag's value as a message names it: `--jobs 3`, or `--jobs (24 by default)` when not given,
 * so that a refusal caused by a default says so.
 */
function flagValueText(cmd: Command, flag: string, name: string, value: number): string {
  return cmd.getOptionValueSource(name) === 'default'
    ? `${flag} (${value} by default)`
    : `${flag} ${value}`;
}

/** A PEM file of --tls-key or --tls-cert; its content is never quoted. */
async function pemFile(path: string, flag: string): Promise<string> {
  const what = `${flag === '--tls-key' ? 'key' : 'certificate'} file ${path} (${flag})`;
  const text = await readLocalFile(path, { what, maxBytes: MAX_PEM_BYTES });
  if (text === undefined) throw new CliError(`${what} does not exist`);
  if (text.trim() === '') throw new CliError(`${what} is empty`);
  return text;
}

/** The rules of the `--fault` flags, in the order given; one that would not work is a usage error. */
function faultRulesOf(texts: readonly string[] | undefined): FaultRule[] {
  return (texts ?? []).map((text) => {
    try {
      return faultRuleOfFlag(text);
    } catch (error) {
      if (error instanceof FaultFlagError)
        throw new UsageError(error.message, `a --fault rule is ${FAULT_SYNTAX}`);
      throw error;
    }
  });
}

/** The connection limits the flags give, in ms; one not given is left to the emulator's default. */
function timeoutOptions(flags: EmulatorFlags): {
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
} {
  const headersTimeoutMs = integerOf(TIMEOUT_FLAGS.headersTimeoutMs, flags.headersTimeout, 1);
  const requestTimeoutMs = integerOf(TIMEOUT_FLAGS.requestTimeoutMs, flags.requestTimeout, 1);
  const keepAliveTimeoutMs = integerOf(TIMEOUT_FLAGS.keepAliveTimeoutMs, flags.keepAliveTimeout, 1);
  return {
    ...(headersTimeoutMs !== undefined && { headersTimeoutMs }),
    ...(requestTimeoutMs !== undefined && { requestTimeoutMs }),
    ...(keepAliveTimeoutMs !== undefined && { keepAliveTimeoutMs }),
  };
}

export function emulatorCommand(context: CommandContext): Command {
  const defaults = DEFAULT_DATASET_OPTIONS;
  const command = new CliCommand('emulator')
    .summary('run a local Enterprise Manager emulator in the foreground')
    .description(
      `Serves the EM REST API on 127.0.0.1 (or --host) over a generated dataset, so that other tools, scripts and vbem itself can be tried without an EM. Ctrl-C stops it. By default it serves the demo dataset, the one --demo uses (seed ${DEMO_DATASET.seed}): vbem-emulator's default seed is ${defaults.seed}, so the two serve other sessions unless given the same --seed. The account is ${DEFAULT_USER.username} / ${DEFAULT_USER.password}; another password comes from the file --password-file names or from ${EMULATOR_PASSWORD_VARIABLE}, never from the command line. --now fixes its clock, and the end of its dataset, so that every run serves the same answers; --fault injects the emulator's faults (a delay, a status, an expired or lost logon session, a reset, a cut or garbled answer, a stall).`,
    )
    .addOption(
      new Option(
        '--host <address>',
        'interface to bind; an address other than loopback lets the network in (the emulator warns)',
      ).default('127.0.0.1'),
    )
    .addOption(new Option('--port <n>', 'port (0 picks a free one)').default('9399'))
    .addOption(
      new Option(
        '--seed <n>',
        `dataset seed, negative or not (the demo's; vbem-emulator's default is ${defaults.seed})`,
      ).default(String(DEMO_DATASET.seed)),
    )
    .addOption(
      new Option('--jobs <n>', 'jobs (at least --running)').default(String(DEMO_DATASET.jobs)),
    )
    .addOption(new Option('--days <n>', 'days of history').default(String(DEMO_DATASET.days)))
    .addOption(new Option('--servers <n>', 'backup servers').default(String(DEMO_DATASET.servers)))
    .addOption(
      new Option('--sessions <n>', 'scheduled runs per job per day').default(
        String(defaults.sessionsPerDay),
      ),
    )
    .addOption(
      new Option(
        '--running <n>',
        "sessions still running, each its own job's (at most --jobs)",
      ).default(String(defaults.runningSessions)),
    )
    .addOption(
      new Option(
        '--em-version <n>',
        'the EM it answers as: 13 (camelCase JSON) or 12 (PascalCase JSON)',
      )
        .choices(['12', '13'])
        .default('13'),
    )
    .addOption(
      new Option(
        '--user <name>',
        `the account's name (its password: --password-file, else ${EMULATOR_PASSWORD_VARIABLE}, else ${DEFAULT_USER.password})`,
      ).default(DEFAULT_USER.username),
    )
    .addOption(
      new Option(
        '--password-file <file>',
        `the account's password, read from a file only you can read (chmod 600; one trailing line break trimmed); or ${EMULATOR_PASSWORD_VARIABLE}`,
      ),
    )
    .addOption(
      new Option(
        '--now <iso-time>',
        "a fixed clock, e.g. 2026-11-20T06:00:00Z: the dataset ends then and the emulator's clock stands still there, so that every run serves the same answers (default: the system clock, the dataset ending at start)",
      ),
    )
    .addOption(
      new Option(
        '--fault <rule>',
        `inject a fault (repeatable, in order): ${FAULT_SYNTAX}`,
      ).argParser((value: string, previous: string[] = []) => [...previous, value]),
    )
    .addOption(
      new Option(
        '--headers-timeout <ms>',
        'time a client may take over its request headers before it is answered 408 and disconnected (default 10000, or --request-timeout when shorter)',
      ),
    )
    .addOption(
      new Option(
        '--request-timeout <ms>',
        'time a client may take over its whole request (default 30000, or --headers-timeout when longer)',
      ),
    )
    .addOption(
      new Option(
        '--keep-alive-timeout <ms>',
        'time a kept-alive connection may stay idle (default 5000)',
      ),
    )
    .addOption(new Option('--tls-key <file>', 'serve https with this PEM key...'))
    .addOption(new Option('--tls-cert <file>', '...and this PEM certificate'))
    .addOption(
      new Option(
        '--tls-passphrase-file <file>',
        `the passphrase of an encrypted --tls-key, read from FILE (one trailing line break trimmed); or ${EMULATOR_TLS_PASSPHRASE_VARIABLE}. Never on the command line, where ps shows it to every user`,
      ),
    )
    // Refused by the program (see buildProgram), with this command's own alternative.
    .addOption(new Option('--password <password>', 'refused').hideHelp())
    .addHelpText(
      'after',
      `
Examples:
  vbem emulator --port 9399
  VBEM_PASSWORD=emulator vbem report --url http://127.0.0.1:9399 --username emulator
  vbem emulator --seed 1                        the dataset vbem-emulator serves by default
  vbem emulator --password-file ~/.emulator-pw  the account's password from a file (chmod 600)
  vbem emulator --now 2026-11-20T06:00:00Z      the same sessions, states and progress every run
  vbem emulator --fault status:503,retry-after=5,path=/jobs,times=2 --fault latency:1500,method=GET
  vbem emulator --port 9398 --tls-key key.pem --tls-cert cert.pem   https, as EM
  read -rs VBEM_EMULATOR_TLS_PASSPHRASE; export VBEM_EMULATOR_TLS_PASSPHRASE
  vbem emulator --tls-key encrypted-key.pem --tls-cert cert.pem     its key's passphrase from there`,
    );
  addOutputOptions(command);
  command.action(async (_options, cmd: Command) => {
    const flags = cmd.optsWithGlobals<EmulatorFlags>();
    const port = integerOf('--port', flags.port, 0, MAX_PORT) ?? 9399;
    const jobs = integerOf('--jobs', flags.jobs, 1) ?? DEMO_DATASET.jobs;
    // The default is at most --jobs, as vbem-emulator's: `--jobs 1` alone is no mistake.
    const running =
      cmd.getOptionValueSource('running') === 'default'
        ? Math.min(defaults.runningSessions, jobs)
        : (integerOf('--running', flags.running, 0) ?? defaults.runningSessions);
    // Each running session the emulator keeps going is its own job's: --running is the one
    // refused, whichever of the two is the mistake.
    if (running > jobs) {
      throw new UsageError(
        `${flagValueText(cmd, '--running', 'running', running)} needs at least as many jobs, each running session being its own job's, and ${flagValueText(cmd, '--jobs', 'jobs', jobs)} is fewer`,
        `give --jobs ${running} or more, or --running ${jobs} or less`,
      );
    }
    const fixedNow = instantOf('--now', flags.now);
    const faults = faultRulesOf(flags.fault);
    const dataset = {
      ...DEMO_DATASET,
      seed:
        integerOf('--seed', flags.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) ??
        DEMO_DATASET.seed,
      jobs,
      days: integerOf('--days', flags.days, 1) ?? DEMO_DATASET.days,
      servers: integerOf('--servers', flags.servers, 1) ?? DEMO_DATASET.servers,
      sessionsPerDay: integerOf('--sessions', flags.sessions, 1) ?? defaults.sessionsPerDay,
      runningSessions: running,
      now: fixedNow ?? context.io.now(),
    };
    const timeouts = timeoutOptions(flags);
    if (flags.host.trim() === '') throw new UsageError('--host: it is empty');
    if ((flags.tlsKey === undefined) !== (flags.tlsCert === undefined)) {
      throw new UsageError('--tls-key and --tls-cert go together');
    }
    const username = flags.user;
    if (username.trim() === '') throw new UsageError('--user: it is empty');
    const password = await emulatorPassword(flags.passwordFile, context.io.env);
    const passphrase = await emulatorTlsPassphrase(flags, context.io.env);
    const tls =
      flags.tlsKey === undefined || flags.tlsCert === undefined
        ? undefined
        : {
            key: await pemFile(flags.tlsKey, '--tls-key'),
            cert: await pemFile(flags.tlsCert, '--tls-cert'),
            ...(passphrase && { passphrase: passphrase.passphrase }),
          };
    let emulator: RunningEmulator;
    try {
      emulator = await startEmulator({
        host: flags.host,
        port,
        // A fixed clock stands still: the same answers every run, and no idle logon expiry.
        now: fixedNow === undefined ? context.io.now : () => fixedNow,
        ...(faults.length > 0 && { faults }),
        dataset,
        emVersion: flags.emVersion === '12' ? 12 : 13,
        users: [{ username, password: password?.password ?? DEFAULT_USER.password }],
        ...(tls && { tls }),
        ...timeouts,
        onWarning: (message) => context.warn(message),
      });
    } catch (error) {
      throw startFailure(error, flags.host, port, passphrase, fixedNow !== undefined);
    }
    // A password of one's own is never printed.
    const account =
      password === undefined
        ? `${username} / ${DEFAULT_USER.password}`
        : `${username} with the password of ${password.source}`;
    const clock = fixedNow === undefined ? '' : `, clock fixed at ${fixedNow.toISOString()}`;
    const rules =
      faults.length === 0 ? '' : `, ${faults.length} fault rule${faults.length === 1 ? '' : 's'}`;
    context.io.stdout.write(
      `vbem emulator: ${emulator.url}/api/ (EM ${flags.emVersion}, ${emulator.dataset.jobSessions.count} job sessions${clock}${rules})\nlog on as ${account}; Ctrl-C stops\n`,
    );
    await new Promise<void>((resolve) => {
      if (context.io.signal.aborted) resolve();
      context.io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await emulator.close();
  });
  return command;
}
