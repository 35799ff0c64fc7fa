import type { EmClient } from '@vbem/client';
import { createClient } from '@vbem/client';
import { toSingleLine } from '@vbem/reporting';
import { type Command, CommanderError } from 'commander';
import { NAGIOS_EXIT_CODE, statusLine } from './check/nagios.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext, OutputFlags } from './command-context.js';
import { AnsweredOrigins } from './connection/answered-origins.js';
import type { ConnectionFlags } from './connection/connection-flags.js';
import { type Demo, startDemo } from './connection/demo.js';
import { demoRequestSettings, resolveTargets } from './connection/resolve-targets.js';
import type { Target } from './connection/target.js';
import { debugDetail, describeError } from './describe-error.js';
import { processOutput } from './process-output.js';
import { buildProgram, usageOf } from './program.js';
import { createProgress } from './progress.js';
import { STOP_SIGNAL_NAMES, STOP_SIGNALS, type StopSignal } from './stop-signals.js';

/** What vbem says once it has logged off after a signal. */
const STOPPED_BY: Readonly<Record<StopSignal, string>> = {
  SIGINT: 'interrupted',
  SIGTERM: 'terminated',
  SIGHUP: 'hung up',
};

/** A check's status line after a signal stopped it: it could not look, so UNKNOWN. */
const stoppedCheckLine = (signal: StopSignal, loggedOff: string): string =>
  statusLine('UNKNOWN', `stopped by ${signal} before the check could look; ${loggedOff}`);

const onTerminal = (): boolean =>
  process.stdin.isTTY === true || process.stdout.isTTY === true || process.stderr.isTTY === true;

function processIo(signal: AbortSignal): CliIo {
  return {
    stdout: processOutput(process.stdout),
    stderr: processOutput(process.stderr),
    stdin: process.stdin,
    env: process.env,
    signal,
    now: () => new Date(),
  };
}

/**
 * Runs `vbem` with `argv` (without node and the script) and returns the exit code. Every client
 * it opened is logged off before it returns, also after Ctrl-C. `takeEarlySignal` (see
 * catchEarlySignals) stops the listening done while the CLI loaded and says the stop signal that
 * came meanwhile, if any: the run then stops before its command's action, as after any other.
 */
export async function main(
  argv: readonly string[],
  given?: CliIo,
  takeEarlySignal?: () => StopSignal | undefined,
): Promise<number> {
  const interrupt = new AbortController();
  let io = given;
  let brokenPipe = false;
  let outputError: string | undefined;
  let stoppedBy: StopSignal | undefined;
  let running: Command | undefined;
  // A monitoring system reads 1 from a check as WARNING: a check that could not answer is UNKNOWN.
  const isCheck = () => running?.name() === 'check';
  const onSignal = (signal: StopSignal) => {
    stoppedBy ??= signal;
    // A second signal does not wait for the logoff.
    if (interrupt.signal.aborted) {
      if (!isCheck()) process.exit(STOP_SIGNALS[stoppedBy]);
      process.stdout.write(stoppedCheckLine(stoppedBy, 'did not wait to log off'));
      process.exit(NAGIOS_EXIT_CODE.UNKNOWN);
    }
    interrupt.abort();
  };
  // `vbem sessions | head`, or stderr's reader leaving (`-v 2>&1 >/dev/null | head`): stop
  // quietly (logging off) instead of crashing. Any other failure (a full disk) stops the run too,
  // and is reported in one line.
  const onOutputError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') brokenPipe = true;
    else outputError ??= error.code ?? error.message;
    interrupt.abort();
  };
  if (!io) {
    io = processIo(interrupt.signal);
    for (const signal of STOP_SIGNAL_NAMES) process.on(signal, onSignal);
    // Only now, with these listeners on, may the early ones come off: a signal's last listener
    // going off closes its handle, dropping a signal caught but not yet delivered (one that came
    // while main.js was evaluated) and bringing back the default action that kills the process.
    const early = takeEarlySignal?.();
    if (early !== undefined) onSignal(early);
    process.stdout.on('error', onOutputError);
    process.stderr.on('error', onOutputError);
  }
  const clients: EmClient[] = [];
  /** Each client's EM: when one EM was read, its password source, profile and doctor go in the hints. */
  const clientTargets: Target[] = [];
  const answered = new AnsweredOrigins();
  /** Logoffs EM did not confirm: the run must not claim it logged off. */
  let logoffsFailed = 0;
  let demo: Promise<Demo> | undefined;
  const cli = io;
  const cannotWrite = () => {
    cli.stderr.write(`vbem: cannot write output: ${outputError}\n`);
    return isCheck() ? NAGIOS_EXIT_CODE.UNKNOWN : 1;
  };
  const context: CommandContext = {
    io: cli,
    exitCode: 0,
    async targets(flags: ConnectionFlags) {
      if (flags.demo) {
        const settings = demoRequestSettings(flags);
        demo ??= startDemo(cli.now);
        const { target } = await demo;
        return [{ ...target, options: { ...target.options, ...settings } }];
      }
      return resolveTargets(flags, cli);
    },
    client(target, signal) {
      if (target.failure) throw target.failure;
      const { onEvent } = target.options;
      const client = createClient({
        ...target.options,
        signal: signal ?? cli.signal,
        onEvent: (event) => {
          if (event.type === 'logoff' && !event.ok) logoffsFailed++;
          answered.note(event);
          onEvent?.(event);
        },
      });
      clients.push(client);
      clientTargets.push(target);
      return client;
    },
    hasAnswered: (url) => answered.hasAnswered(url),
    progress: (label: string, flags: OutputFlags) =>
      createProgress(cli, label, flags.quiet === true),
    verbose(flags, message) {
      if (flags.verbose && !flags.quiet) cli.stderr.write(`vbem: ${toSingleLine(message)}\n`);
    },
    warn(message) {
      cli.stderr.write(`vbem: warning: ${toSingleLine(message)}\n`);
    },
    hint(hint) {
      if (hint !== undefined) cli.stderr.write(`hint: ${toSingleLine(hint)}\n`);
    },
  };

  const program = buildProgram(context, (action) => {
    running = action;
  });
  running ??= program;
  // A signal before the action (while loading, or parsing): nothing to log off, stop there.
  program.hook('preAction', () => cli.signal.throwIfAborted());
  const debug = argv.includes('--debug');
  let interrupted = false;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    // A failed write is reported after the call that made it: wait for what is written to land.
    if (!given) await new Promise((resolve) => process.stdout.write('', resolve));
    return outputError === undefined ? context.exitCode : cannotWrite();
  } catch (error) {
    if (outputError !== undefined) return cannotWrite();
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // commander printed the message and the usage line already; `vbem` alone (no command)
      // printed the help to stderr as an error.
      return error.code === 'commander.help' && error.exitCode === 0 ? 0 : 2;
    }
    // A check stopped before its status line could not look.
    if (brokenPipe) return isCheck() ? NAGIOS_EXIT_CODE.UNKNOWN : context.exitCode;
    if (cli.signal.aborted) {
      // Said in `finally`, once the logoffs are done.
      interrupted = true;
      return isCheck() ? NAGIOS_EXIT_CODE.UNKNOWN : STOP_SIGNALS[stoppedBy ?? 'SIGINT'];
    }
    // One EM's password source is known for sure; with several (--all) the error names its EM.
    const sources = clientTargets.map((target) => target.passwordSource);
    const only = clientTargets.length === 1 ? clientTargets[0] : undefined;
    const report = describeError(error, 'command', {
      passwordSource: new Set(sources).size === 1 ? sources[0] : undefined,
      ...(only === undefined ? {} : { profile: only.profile, doctorOf: only }),
      hasAnswered: context.hasAnswered,
    });
    cli.stderr.write(`vbem: ${report.line}\n`);
    if (report.hint) cli.stderr.write(`hint: ${report.hint}\n`);
    if (report.exitCode === 2) cli.stderr.write(`${usageOf(running ?? program)}\n`);
    if (debug) cli.stderr.write(`${debugDetail(error)}\n`);
    return report.exitCode;
  } finally {
    await Promise.allSettled(clients.map((client) => client.close()));
    if (demo) await (await demo.catch(() => undefined))?.emulator.close();
    if (interrupted) {
      const loggedOff =
        logoffsFailed === 0
          ? 'logged off'
          : 'could not log off (EM ends a logon session after 15 minutes idle)';
      // A check's one line is its status line, which Nagios and Icinga read from stdout.
      if (isCheck()) cli.stdout.write(stoppedCheckLine(stoppedBy ?? 'SIGINT', loggedOff));
      else cli.stderr.write(`vbem: ${STOPPED_BY[stoppedBy ?? 'SIGINT']}; ${loggedOff}\n`);
    }
    for (const signal of STOP_SIGNAL_NAMES) process.off(signal, onSignal);
    // A hang-up took the terminal away, and Node aborts at exit restoring it: end by the signal
    // itself, as its default would have (the shell sees 129 all the same), once logged off. A
    // check run by a monitoring system has no terminal, and must exit 3.
    if (interrupted && stoppedBy === 'SIGHUP' && !given && !(isCheck() && !onTerminal())) {
      process.kill(process.pid, 'SIGHUP');
    }
    // The listeners stay: commander's help is written after main returns, and a write may fail later.
  }
}
