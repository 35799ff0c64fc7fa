import type { Command } from 'commander';
import { CliCommand } from '../cli-command.js';
import type { CommandContext, OutputFlags } from '../command-context.js';
import type { ConnectionFlags } from '../connection/connection-flags.js';
import { doctorOfEveryEm } from '../doctor/doctor-of-every-em.js';
import { runDoctor } from '../doctor/run-doctor.js';
import {
  concurrencyOf,
  concurrencyOption,
  refuseConcurrencyWithoutAll,
} from '../em-concurrency.js';
import { addConnectionOptions, addOutputOptions } from '../global-options.js';

export function doctorCommand(context: CommandContext): Command {
  const command = new CliCommand('doctor')
    .summary('check the connection to EM step by step, with a hint for each failure')
    .description(
      "Checks, in order: the URL, the settings (profile, password source, TLS files), DNS, TCP, EM's TLS certificate (subject, SANs, issuer, expiry, SHA-256 fingerprint to pin), GET /api/ (EM's API versions), the logon, the account's EM role, a query as the data commands make it, and the clocks. A check that cannot run because of an earlier failure is skipped with the reason. With --all, every profile of the config file is checked, each under its name. Exit code 0 when no check failed (warnings allowed), 1 otherwise.",
    )
    .addHelpText(
      'after',
      `
Checks:
  URL       parses; port 9419 is the Backup & Replication REST API, EM is on 9398 (http: 9399)
  Settings  the profile, username and password source resolve
  DNS, TCP  the host resolves and the port accepts a connection (at most 10 s each)
  TLS       the certificate: trusted by Node's CA store or --ca, for this host name, or matching
            --fingerprint; expired fails, less than 30 days left warns
  EM API    GET /api/ answers as Enterprise Manager, with its API versions
  Logon     the credentials log on (then log off)
  Role      the account may read jobs (403: it has no EM role)
  Query     the query service answers the query sessions, tasks, report and check make (the
            backup sessions of the last 24 hours, one a page), and vbem can read its answer
  Clock     EM's Date header within 60 s of this machine's clock (warns otherwise)

Examples:
  vbem doctor --url https://em.example.com:9398 --username 'CORP\\svc-reports'
  vbem doctor --profile prod
  vbem doctor --url https://em.example.com:9398 --username svc --fingerprint AB:CD:…
  vbem doctor --all --concurrency 8                    every profile, 8 at once`,
    )
    .addOption(concurrencyOption());
  addOutputOptions(addConnectionOptions(command));
  command.action(async (_options, cmd: Command) => {
    const flags = cmd.optsWithGlobals<ConnectionFlags & OutputFlags & { concurrency: string }>();
    const concurrency = concurrencyOf(flags.concurrency);
    refuseConcurrencyWithoutAll(cmd, flags);
    const failed = flags.all
      ? await doctorOfEveryEm(context, flags, concurrency)
      : await runDoctor(context, flags);
    context.exitCode = failed > 0 ? 1 : 0;
  });
  return command;
}
