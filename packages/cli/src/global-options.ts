import { type Command, Option } from 'commander';

/** The connection and output options every data command accepts, with their help texts. */
export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--url <url>', 'EM address, e.g. https://em.example.com:9398 (or VBEM_URL)'),
    )
    .addOption(
      new Option('--username <name>', 'EM account, e.g. CORP\\svc-reports (or VBEM_USERNAME)'),
    )
    .addOption(new Option('--password <password>', 'refused: see --password-file').hideHelp())
    .addOption(
      new Option(
        '--password-file <file>',
        'read the password from a file only you can read (chmod 600); or set VBEM_PASSWORD, or use --password-stdin',
      ),
    )
    .addOption(new Option('--password-stdin', 'read the password from the first line of stdin'))
    .addOption(
      new Option('--ca <file>', "trust this PEM certificate (EM's self-signed one, or its CA)"),
    )
    .addOption(
      new Option(
        '--fingerprint <sha256>',
        "pin EM's certificate by its SHA-256 fingerprint (vbem doctor prints it)",
      ),
    )
    .addOption(new Option('--insecure', 'turn TLS verification off (warns on every run)'))
    .addOption(new Option('--config <file>', 'config file (default ~/.config/vbem/config.json)'))
    .addOption(new Option('--profile <name>', 'a profile of the config file'))
    .addOption(
      new Option('--all', 'every EM (profile) of the config file, --concurrency at a time'),
    )
    .addOption(
      new Option(
        '--demo',
        'run against an embedded emulator with a realistic dataset; no EM needed',
      ),
    )
    .addOption(
      new Option('--api-format <format>', 'media type asked of EM (default xml)').choices([
        'xml',
        'json',
      ]),
    )
    .addOption(
      new Option(
        '--timeout <time>',
        'per request attempt, in seconds (30, 2.5, 90s) or as a duration (2m) (default 30)',
      ),
    )
    .addOption(
      new Option(
        '--max-response-size <size>',
        'largest answer body taken from EM, after gzip: 64MiB, 512KiB, 1GiB; a bare number is MiB (default 64MiB)',
      ),
    );
}

/** Hides `--all` from a command that reads one EM (it refuses the flag with a usage error). */
export function hideAllOption(command: Command): Command {
  command.options.find((option) => option.long === '--all')?.hideHelp();
  return command;
}

/** Output switches, on every command. */
export function addOutputOptions(command: Command): Command {
  return command
    .addOption(new Option('-q, --quiet', 'no progress, no notes on stderr'))
    .addOption(new Option('-v, --verbose', 'say what is being done on stderr'))
    .addOption(new Option('--debug', 'show error details (secrets redacted)'));
}
