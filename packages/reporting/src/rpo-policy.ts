import { OPTION, optionKeys } from './options-object.js';
import { parseDuration } from './parse-duration.js';
import { ReportError } from './report-error.js';
import type { ReportOptions } from './report-options.js';
import { unknownKeyProblem } from './unknown-key.js';

const DEFAULT_RPO = '24h';
const RPO_KEYS = optionKeys<Exclude<ReportOptions['rpo'], string | undefined>>({
  default: true,
  jobs: true,
});

/** The RPO each job is held to: its own, by UID or name, or the default. */
export class RpoPolicy {
  readonly defaultSeconds: number;
  /** The longest RPO any job is held to: the default or a job's own. */
  readonly largestSeconds: number;
  private readonly secondsByJob: ReadonlyMap<string, number>;

  /** Throws ReportError for a duration that does not parse, naming the option it came from. */
  constructor(option: ReportOptions['rpo'] = DEFAULT_RPO) {
    if (typeof option !== 'string' && (typeof option !== 'object' || option === null)) {
      throw new ReportError(
        'invalid-option',
        `rpo: expected a duration such as '24h' or { default, jobs }, got ${option === null ? 'null' : typeof option}`,
      );
    }
    if (typeof option === 'string') {
      this.defaultSeconds = parseDuration(option, 'rpo');
      this.secondsByJob = new Map();
      this.largestSeconds = this.defaultSeconds;
      return;
    }
    const problem = unknownKeyProblem(option, RPO_KEYS, OPTION, "rpo's options", 'rpo.');
    if (problem !== undefined) throw new ReportError('invalid-option', problem);
    this.defaultSeconds = parseDuration(option.default, 'rpo.default');
    this.secondsByJob = new Map(
      Object.entries(option.jobs ?? {}).map(([job, rpo]) => [
        job,
        parseDuration(rpo, `rpo.jobs[${JSON.stringify(job)}]`),
      ]),
    );
    let largest = this.defaultSeconds;
    for (const seconds of this.secondsByJob.values()) largest = Math.max(largest, seconds);
    this.largestSeconds = largest;
  }

  /** A job's RPO in seconds. Its UID wins over its name, which a job can share with one on another server. */
  secondsFor(jobUid: string, jobName: string): number {
    return this.secondsByJob.get(jobUid) ?? this.secondsByJob.get(jobName) ?? this.defaultSeconds;
  }
}
