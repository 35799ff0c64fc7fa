import {
  DatasetOptionsError,
  DEFAULT_DATASET_OPTIONS,
  DEFAULT_USER,
  type RunningEmulator,
  startEmulator,
} from '@vbem/emulator';
import { type Command, Option } from 'commander';
import { CliCommand } from '../cli-command.js';
import { CliError, UsageError } from '../cli-error.js';
import type { CommandContext, OutputFlags } from '../command-context.js';
import { DEMO_DATASET } from '../connection/demo.js';
import { addOutputOptions } from '../global-options.js';
import { integerOf } from '../option-values.js';

interface EmulatorFlags extends OutputFlags {
  readonly port: string;
  readonly seed: string;
  readonly jobs: string;
  readonly days: string;
  readonly servers: string;
  readonly emVersion: string;
}

const MAX_PORT = 65_535;
/** Each running session the emulator keeps going is its own job's. */
const MIN_JOBS = DEFAULT_DATASET_OPTIONS.runningSessions;

/** The emulator's own refusals (a port it cannot bind, a dataset it will not build) in the CLI's words. */
function startFailure(error: unknown, port: number): unknown {
  // The emulator names the option it could not listen with, Node's error as the cause.
  const code =
    (error as NodeJS.ErrnoException).code ??
    ((error as { cause?: unknown }).cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new CliError(`port ${port} on 127.0.0.1 is in use (EADDRINUSE)`, {
      hint: 'give another --port, or --port 0 for a free one',
    });
  }
  if (code === 'EACCES') {
    return new CliError(`port ${port} on 127.0.0.1 may not be bound by this user (EACCES)`, {
      hint: 'give a port above 1023, or --port 0 for a free one',
    });
  }
  if (error instanceof DatasetOptionsError) {
    return new UsageError(`the dataset: ${error.option} ${error.problem}`);
  }
  return error;
}

export function emulatorCommand(context: CommandContext): Command {
  const command = new CliCommand('emulator')
    .summary('run a local Enterprise Manager emulator in the foreground')
    .description(
      'Serves the EM REST API on 127.0.0.1 over a generated dataset (the same one --demo uses by default), so that other tools, scripts and vbem itself can be tried without an EM. Ctrl-C stops it.',
    )
    .addOption(new Option('--port <n>', 'port (0 picks a free one)').default('9399'))
    .addOption(
      new Option('--seed <n>', 'dataset seed, negative or not').default(String(DEMO_DATASET.seed)),
    )
    .addOption(
      new Option('--jobs <n>', `jobs (at least ${MIN_JOBS})`).default(String(DEMO_DATASET.jobs)),
    )
    .addOption(new Option('--days <n>', 'days of history').default(String(DEMO_DATASET.days)))
    .addOption(new Option('--servers <n>', 'backup servers').default(String(DEMO_DATASET.servers)))
    .addOption(
      new Option(
        '--em-version <n>',
        'the EM it answers as: 13 (camelCase JSON) or 12 (PascalCase JSON)',
      )
        .choices(['12', '13'])
        .default('13'),
    )
    .addHelpText(
      'after',
      `
Examples:
  vbem emulator --port 9399
  VBEM_PASSWORD=emulator vbem report --url http://127.0.0.1:9399 --username emulator`,
    );
  addOutputOptions(command);
  command.action(async (_options, cmd: Command) => {
    const flags = cmd.optsWithGlobals<EmulatorFlags>();
    const port = integerOf('--port', flags.port, 0, MAX_PORT) ?? 9399;
    const dataset = {
      ...DEMO_DATASET,
      seed:
        integerOf('--seed', flags.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) ??
        DEMO_DATASET.seed,
      jobs: integerOf('--jobs', flags.jobs, MIN_JOBS) ?? DEMO_DATASET.jobs,
      days: integerOf('--days', flags.days, 1) ?? DEMO_DATASET.days,
      servers: integerOf('--servers', flags.servers, 1) ?? DEMO_DATASET.servers,
      now: context.io.now(),
    };
    let emulator: RunningEmulator;
    try {
      emulator = await startEmulator({
        host: '127.0.0.1',
        port,
        now: context.io.now,
        dataset,
        emVersion: flags.emVersion === '12' ? 12 : 13,
        onWarning: (message) => context.warn(message),
      });
    } catch (error) {
      throw startFailure(error, port);
    }
    context.io.stdout.write(
      `vbem emulator: ${emulator.url}/api/ (EM ${flags.emVersion}, ${emulator.dataset.jobSessions.count} job sessions)\nlog on as ${DEFAULT_USER.username} / ${DEFAULT_USER.password}; Ctrl-C stops\n`,
    );
    await new Promise<void>((resolve) => {
      if (context.io.signal.aborted) resolve();
      context.io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await emulator.close();
  });
  return command;
}
