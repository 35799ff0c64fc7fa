import { Command, type ErrorOptions, type Option } from 'commander';

/** commander's unknown-option message: the option as typed, then maybe a suggestion. */
const UNKNOWN_OPTION = /^error: unknown option '(.*)'(\n\(Did you mean [^\n]*\?\))?$/s;

/**
 * The option an unknown option names, without what was typed with it: `--pasword=hunter22`
 * gives `--pasword`, `-phunter22` gives `-p`.
 */
function optionNameOf(typed: string): string {
  if (typed.startsWith('--')) return typed.split('=', 1)[0] ?? typed;
  return typed.slice(0, 2);
}

/**
 * commander's message for an unknown option, naming the option without its value, which may be a
 * password typed into a misspelt or imagined flag (`--pasword=…`, `--pwd=…`, `-p…`). A message
 * that does not read as expected says less rather than risk it.
 */
export function unknownOptionMessage(message: string): string {
  const match = UNKNOWN_OPTION.exec(message);
  if (!match) return 'error: unknown option (not shown)';
  const typed = match[1] ?? '';
  const name = optionNameOf(typed);
  return `error: unknown option '${name}'${name === typed ? '' : ' (value not shown)'}${match[2] ?? ''}`;
}

/** A word that reads as an option (`--pwd=…`, `-p…`), not as a value; `-1` is a value. */
const looksLikeOption = (word: unknown): boolean =>
  typeof word === 'string' && /^(--.|-\p{L})/u.test(word);

/**
 * A vbem command: commander's, except that its usage errors never repeat what followed an
 * unknown option, nor take an option for the value of the one before it (`--since --pwd=…`
 * would quote it as a bad duration). Every command and subcommand of vbem is one.
 */
export class CliCommand extends Command {
  override createCommand(name?: string): Command {
    return new CliCommand(name);
  }

  override addOption(option: Option): this {
    // An option that needs a value takes the next word whatever it is: an option there is the
    // user's mistake, and quoting it back as a bad value would show what was typed with it.
    const parse = option.parseArg;
    if (option.required && (parse || !option.variadic)) {
      option.argParser(<T>(value: string, previous: T): T => {
        if (looksLikeOption(value)) {
          this.error(
            `error: option '${option.flags}' argument missing: the word after it is an option (not shown)`,
            { code: 'commander.optionMissingArgument' },
          );
        }
        return parse ? (parse.call(option, value, previous) as T) : (value as T);
      });
    }
    return super.addOption(option);
  }

  override error(message: string, errorOptions?: ErrorOptions): never {
    return this.usageError(
      errorOptions?.code === 'commander.unknownOption' ? unknownOptionMessage(message) : message,
      errorOptions,
    );
  }

  /** Reports a usage error whose message is safe to print; commander's way unless overridden. */
  protected usageError(message: string, errorOptions?: ErrorOptions): never {
    return super.error(message, errorOptions);
  }
}
