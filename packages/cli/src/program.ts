import type { Command, ErrorOptions, OutputConfiguration, ParseOptions } from 'commander';
import { CliCommand } from './cli-command.js';
import { UsageError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { checkCommand, unknownUsage } from './commands/check.js';
import { doctorCommand } from './commands/doctor.js';
import { emulatorCommand } from './commands/emulator.js';
import { queryCommand } from './commands/query.js';
import { reportCommand } from './commands/report.js';
import { sessionsCommand } from './commands/sessions.js';
import { tasksCommand } from './commands/tasks.js';
import { PACKAGE_VERSION } from './package-version.js';
import {
  EMULATOR_PASSWORD_ALTERNATIVES,
  PASSWORD_ALTERNATIVES,
  PASSWORD_FLAG_REFUSED,
} from './password-flag.js';

/** The usage line of a command, and where its options are described: shown after a usage error. */
export function usageOf(command: Command): string {
  const path: string[] = [];
  for (let each: Command | null = command; each; each = each.parent) path.unshift(each.name());
  return `Usage: ${path.join(' ')} ${command.usage()}\n(run '${path.join(' ')} --help' for the options)`;
}

/**
 * `vbem` itself. A usage error before the command's name (`vbem --pwd=… check`) is the check's
 * when the command is `check`: UNKNOWN and exit 3, as a monitoring system must read it.
 */
class VbemProgram extends CliCommand {
  /** The words given to `parseAsync` (main passes the user's, `from: 'user'`). */
  private words: readonly string[] = [];

  constructor(private readonly io: CliIo) {
    super('vbem');
  }

  override parseAsync(argv?: readonly string[], options?: ParseOptions): Promise<this> {
    this.words = argv ?? [];
    return super.parseAsync(argv, options);
  }

  protected override usageError(message: string, errorOptions?: ErrorOptions): never {
    // vbem's own options take no value: the first word that is not an option names the command.
    const command = this.words.find((word) => !word.startsWith('-'));
    return command === 'check'
      ? unknownUsage(this.io, message)
      : super.usageError(message, errorOptions);
  }
}

/**
 * Where commander writes, for every command: help to stdout, the rest to stderr, and its errors
 * (`error: unknown option …`) as vbem's own (`vbem: unknown option …`).
 */
function outputOf(context: CommandContext): OutputConfiguration {
  return {
    writeOut: (text) => context.io.stdout.write(text),
    writeErr: (text) => context.io.stderr.write(text),
    outputError: (text, write) => write(text.replace(/^error: /, 'vbem: ')),
  };
}

/**
 * The `vbem` command and its subcommands, wired to the runner's context. `onAction` hears of the
 * command about to run before anything else does, so that a usage error found then shows its
 * usage line.
 */
export function buildProgram(
  context: CommandContext,
  onAction: (command: Command) => void = () => {},
): Command {
  const output = outputOf(context);
  const program = new VbemProgram(context.io)
    .version(PACKAGE_VERSION)
    .description(
      'The command line for Veeam Backup Enterprise Manager: job sessions, reports, monitoring checks, and a doctor for the connection.',
    )
    .configureOutput(output)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .showSuggestionAfterError(true)
    // Options belong to the command they follow (`vbem sessions show <id> --format csv` is show's
    // --format, which refuses csv, not the listing's, silently ignored); vbem's own are --version
    // and --help, which every command has too.
    .enablePositionalOptions()
    .exitOverride()
    .addHelpText(
      'after',
      `
Start here (no EM needed):
  vbem report --demo

Against your EM (the password is typed at a prompt, or comes from a file, stdin or the
environment; never from the command line or the shell history):
  read -rs VBEM_PASSWORD; export VBEM_PASSWORD    (or --password-file FILE, --password-stdin)
  vbem doctor  --url https://em.example.com:9398 --username 'CORP\\svc-reports'
  vbem report  --url https://em.example.com:9398 --username 'CORP\\svc-reports' --since 7d
  vbem check   --profile prod --rpo 24h            (Nagios/Icinga exit codes)
  vbem tasks   --profile prod --result Failed      (which VMs failed in 24 h, and why)

Configuration: ~/.config/vbem/config.json holds profiles (url, username, password file, CA,
fingerprint); --profile picks one, --all reports on every one.`,
    );
  for (const command of [
    sessionsCommand(context),
    tasksCommand(context),
    queryCommand(context),
    reportCommand(context),
    checkCommand(context),
    doctorCommand(context),
    emulatorCommand(context),
  ]) {
    // Subcommands print their errors and usage through the same streams, and exit through main.
    // A stray word (`--result Failed Warning`) is a usage error: ignored, it would change the
    // meaning of the command without a word.
    for (const each of [command, ...command.commands]) {
      each.exitOverride().allowExcessArguments(false).configureOutput(output);
    }
    program.addCommand(command);
    // After addCommand: a command's usage line names its parent (`vbem sessions show …`).
    for (const each of [command, ...command.commands]) each.showHelpAfterError(usageOf(each));
  }
  program.showHelpAfterError(usageOf(program));
  program.hook('preAction', (_program, action) => onAction(action));
  program.hook('preAction', (_program, action) => {
    if (action.opts().password !== undefined) {
      throw new UsageError(
        PASSWORD_FLAG_REFUSED,
        action.name() === 'emulator' ? EMULATOR_PASSWORD_ALTERNATIVES : PASSWORD_ALTERNATIVES,
      );
    }
  });
  return program;
}
