import {
  type CsvTable,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderPrometheus,
  renderText,
  type SessionReport,
  type SuccessPolicy,
} from '@vbem/reporting';
import { type Command, Option } from 'commander';
import { CliCommand } from '../cli-command.js';
import { CliError, UsageError } from '../cli-error.js';
import { tableWidth, wantsColor } from '../cli-io.js';
import type { CommandContext, OutputFlags } from '../command-context.js';
import type { ConnectionFlags } from '../connection/connection-flags.js';
import { describeError } from '../describe-error.js';
import {
  concurrencyOf,
  concurrencyOption,
  refuseConcurrencyWithoutAll,
} from '../em-concurrency.js';
import { addConnectionOptions, addOutputOptions } from '../global-options.js';
import { jobNamesNotFound } from '../job-names.js';
import { checkReportOptions, durationOf, repeatable } from '../option-values.js';
import { checkOutputPath, writeFileAtomically } from '../output/write-file-atomically.js';
import { PARTIAL_EXIT_CODE } from '../partial-exit-code.js';
import { partialFailureHint } from '../partial-failure-hint.js';
import { reportOfTargets } from '../report-of-targets.js';
import { timeLimitOf, timeLimitOption, withinTimeLimit } from '../time-limit.js';
import { addWindowOptions, timeWindowOf } from '../time-window.js';

const FORMATS = ['text', 'markdown', 'csv', 'json', 'html', 'prometheus'] as const;
type ReportFormat = (typeof FORMATS)[number];
const CSV_TABLES = [
  'jobs',
  'vms',
  'days',
  'groups',
  'missedJobs',
] as const satisfies readonly CsvTable[];

/**
 * The exit code of a report written without the EMs that failed (`--all`), or without
 * the VMs of an EM whose task sessions could not be read: a scheduled CSV or JSON export must not
 * read as whole, and their names are only on stderr.
 */
export const PARTIAL_REPORT_EXIT_CODE = PARTIAL_EXIT_CODE;

interface ReportFlags extends ConnectionFlags, OutputFlags {
  readonly since: string;
  readonly from?: string;
  readonly to?: string;
  readonly rpo: string;
  readonly policy: SuccessPolicy;
  readonly tz: string;
  readonly format: ReportFormat;
  readonly csvTable?: CsvTable;
  readonly csvBom?: boolean;
  readonly output?: string;
  readonly force?: boolean;
  readonly groupBy?: 'backupServer' | 'jobType';
  readonly job?: string[];
  readonly tasks: boolean;
  readonly concurrency: string;
  readonly timeLimit?: string;
}

/** `toFile`: written to a file (`--output FILE`), not to stdout (`-` included). */
function render(
  report: SessionReport,
  flags: ReportFlags,
  context: CommandContext,
  toFile: boolean,
): string {
  switch (flags.format) {
    case 'text':
      return renderText(report, {
        color: !toFile && wantsColor(context.io),
        // A terminal's width; into a pipe or a file, no limit, so that every cell stays whole.
        width: toFile ? Number.MAX_SAFE_INTEGER : tableWidth(context.io),
      });
    case 'markdown':
      return renderMarkdown(report);
    case 'csv':
      return renderCsv(report, { table: flags.csvTable ?? 'jobs', bom: flags.csvBom === true });
    case 'json':
      return renderJson(report, { pretty: true });
    case 'html':
      return renderHtml(report, { title: 'Backup session report' });
    case 'prometheus':
      return renderPrometheus(report);
  }
}

/** A valid IANA zone, checked here so that a typo is a usage error. */
function timeZoneOf(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new UsageError(
      `--tz: ${JSON.stringify(zone)} is not an IANA time zone such as Europe/Berlin or UTC`,
    );
  }
}

export function reportCommand(context: CommandContext): Command {
  const command = addWindowOptions(
    new CliCommand('report')
      .summary('the session report: health, failures and reasons, RPO, durations')
      .description(
        'Builds the session report of @vbem/reporting from one EM, or from every EM of the config file with --all (merged; EMs that fail are listed in the report), and prints it or writes it atomically to a file.',
      ),
    '7d',
  )
    .addOption(
      new Option(
        '--rpo <duration>',
        'recovery point objective: the longest acceptable age of the last success',
      ).default('24h'),
    )
    .addOption(
      new Option('--policy <policy>', 'what counts as success')
        .choices(['strict', 'warning-is-success'])
        .default('strict'),
    )
    .addOption(new Option('--tz <zone>', 'time zone of days and times').default('UTC'))
    .addOption(
      new Option('--group-by <key>', 'add totals per group').choices(['backupServer', 'jobType']),
    )
    .addOption(
      new Option('--job <name>', 'only this job, its name whole (repeat for several)').argParser(
        repeatable,
      ),
    )
    .addOption(new Option('--no-tasks', 'skip task sessions (no per-VM part; faster)'))
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
    .addOption(
      new Option(
        '--csv-table <table>',
        'the table --format csv writes (default jobs; groups needs --group-by)',
      ).choices(CSV_TABLES),
    )
    .addOption(
      new Option(
        '--csv-bom',
        'start --format csv with a UTF-8 byte order mark, for Excel to read non-ASCII names',
      ),
    )
    .addOption(
      new Option(
        '-o, --output <file>',
        'write to a file (atomically) instead of stdout (- is stdout)',
      ),
    )
    .addOption(new Option('--force', 'let --output replace an existing file'))
    .addOption(concurrencyOption())
    .addOption(timeLimitOption())
    .addHelpText(
      'after',
      `
Examples:
  vbem report --demo                                  try it with no EM at hand
  vbem report --since 7d --rpo 24h --tz Europe/Berlin
  vbem report --all --format html -o weekly.html      every EM of the config file, for a mail
  vbem report --all --concurrency 16                  16 EMs read at once (default 4)
  vbem report --group-by backupServer --format csv --csv-table groups
  vbem report --format prometheus -o /var/lib/node_exporter/vbem.prom --force

Exit codes: 0 written, 1 failed (with --format prometheus, every EM failed still writes
  vbem_source_up 0 for each), 2 usage error, 3 written without the EMs that failed (--all),
  or without the VMs of an EM whose task sessions could not be read (its jobs are in it)`,
    );
  addOutputOptions(addConnectionOptions(command));
  command.action(async (_options, cmd: Command) => {
    const flags = cmd.optsWithGlobals<ReportFlags>();
    // Every option is checked before the password is asked for and the crawl starts.
    const { from, to, since } = timeWindowOf(cmd, flags, '7d', context.io.now());
    const rpo = durationOf('--rpo', flags.rpo) ?? '24h';
    const concurrency = concurrencyOf(flags.concurrency);
    refuseConcurrencyWithoutAll(cmd, flags);
    const timeLimit = timeLimitOf(flags);
    const timeZone = timeZoneOf(flags.tz);
    if (flags.output === '') {
      throw new UsageError('--output needs a file name (leave it out, or give -, for stdout)');
    }
    // `-` is stdout, as for most commands that write files.
    const output = flags.output === '-' ? undefined : flags.output;
    if (flags.force && !output) throw new UsageError('--force goes with --output FILE');
    if (flags.csvTable && flags.format !== 'csv') {
      throw new UsageError('--csv-table goes with --format csv');
    }
    if (flags.csvBom && flags.format !== 'csv') {
      throw new UsageError('--csv-bom goes with --format csv');
    }
    // Not a header row alone: a script could not tell a forgotten --group-by from no jobs.
    if (flags.csvTable === 'groups' && !flags.groupBy) {
      throw new UsageError(
        '--csv-table groups needs --group-by backupServer or --group-by jobType',
      );
    }
    // The same for VMs: without task sessions there are none to list.
    if (flags.csvTable === 'vms' && !flags.tasks) {
      throw new UsageError('--csv-table vms needs the task sessions that --no-tasks leaves out');
    }
    const options = {
      ...(from ? { from } : { since }),
      ...(to ? { to } : {}),
      rpo,
      policy: flags.policy,
      timeZone,
      ...(flags.groupBy ? { groupBy: flags.groupBy } : {}),
    };
    checkReportOptions(options, context.io.now());
    if (output) await checkOutputPath(output, flags.force === true);
    // The limit is on reading the EMs; the report is written whatever time is left.
    const { targets, report, everyEmFailed } = await withinTimeLimit(
      context,
      timeLimit,
      async (within) => {
        const targets = await within.targets(flags);
        const { report, everyEmFailed } = await reportOfTargets(
          within,
          targets,
          {
            options,
            tasks: flags.tasks,
            jobNames: flags.job ?? [],
            concurrency,
            // A textfile collector serves whatever file is there, whatever the exit code: the
            // last one's `source_up 1` would say all is well with every EM down.
            reportEveryFailure: flags.format === 'prometheus',
          },
          flags,
        );
        return { targets, report, everyEmFailed };
      },
    );
    const emit = async (text: string) => {
      if (output) {
        await writeFileAtomically(output, text, flags.force === true);
        context.verbose(flags, `wrote ${output}`);
      } else {
        context.io.stdout.write(text);
      }
    };
    if (everyEmFailed !== undefined) {
      // The EMs' error is the one to end with; a file that could not be written is said too.
      await emit(render(report, flags, context, output !== undefined)).catch((error: unknown) =>
        context.warn(describeError(error).line),
      );
      throw everyEmFailed;
    }
    // Not an error, as in `vbem check`: a report of the other jobs is still a report. But a
    // scheduled report with a mistyped name would otherwise read as a quiet week.
    const notFound = jobNamesNotFound(report, flags.job ?? []);
    // None of them: the report would be empty, read as a quiet week. Unless an EM failed, which may
    // have them.
    if (
      notFound.length > 0 &&
      notFound.length === flags.job?.length &&
      report.failedSources.length === 0
    ) {
      throw new CliError(
        `no job named ${notFound.map((name) => JSON.stringify(name)).join(', ')}`,
        {
          hint: "'vbem query Job' lists the jobs",
        },
      );
    }
    for (const name of notFound) {
      context.warn(
        `no job named ${JSON.stringify(name)}${report.failedSources.length > 0 ? ' on the EMs that did not fail' : ''}`,
      );
    }
    await emit(render(report, flags, context, output !== undefined));
    if (report.failedSources.length > 0) {
      context.warn(
        `partial report: ${report.failedSources.length} of ${targets.length} EMs failed; the report is of the others (exit code ${PARTIAL_REPORT_EXIT_CODE})`,
      );
      context.hint(partialFailureHint(targets, report.failedSources));
      context.exitCode = PARTIAL_REPORT_EXIT_CODE;
    }
    const withoutVms = report.sourcesWithoutVms?.length ?? 0;
    if (withoutVms > 0) {
      context.warn(
        `partial report: the VMs of ${withoutVms} of ${targets.length} EMs are missing (their task sessions could not be read) (exit code ${PARTIAL_REPORT_EXIT_CODE})`,
      );
      context.exitCode = PARTIAL_REPORT_EXIT_CODE;
    }
  });
  return command;
}
