import { formatPercent } from '../format-percent.js';
import type { GroupReport, SessionReport } from '../report.js';
import { showsSources } from './shows-sources.js';
import { toSingleLine } from './single-line.js';

/** The groups of one grouping, with the heading and key column header the renderers give them. */
export interface GroupTable {
  /** `By backup server` or `By job type`. */
  readonly title: string;
  /** `Backup server` or `Job type`. */
  readonly keyHeader: string;
  readonly groups: readonly GroupReport[];
  /** Whether the report is of several sources (a merge): a Source column tells the groups apart. */
  readonly sources: boolean;
}

/** In the order the tables come: servers, then the types of job they run. */
const GROUPINGS: Readonly<Record<GroupReport['by'], Pick<GroupTable, 'title' | 'keyHeader'>>> = {
  backupServer: { title: 'By backup server', keyHeader: 'Backup server' },
  jobType: { title: 'By job type', keyHeader: 'Job type' },
};

/**
 * One table per grouping the report holds, each group in the report's order; none when the report
 * is not grouped. A merged report holds both groupings when its parts were grouped differently.
 */
export function groupTables(report: SessionReport): GroupTable[] {
  const several = showsSources(report);
  return (Object.keys(GROUPINGS) as GroupReport['by'][]).flatMap((by) => {
    const members = report.groups.filter((group) => group.by === by);
    // A job type is no source's: its groups span them all.
    const sources =
      (by === 'backupServer' && several) || new Set(members.map((group) => group.source)).size > 1;
    return members.length === 0 ? [] : [{ ...GROUPINGS[by], groups: members, sources }];
  });
}

/** How the text, Markdown and HTML tables label the group of jobs without a backup server. */
const NO_SERVER = '(no server)';

// The label, bare or in any number of pairs of double quotes, in any case (`(No Server)` reads as
// the label too): a real key that reads like one of these is shown in one more pair, so that no key
// reads as the label nor as another key shown so.
const LABEL_LIKE = /^("*)\(no server\)\1$/i;
// What a reader cannot see: format characters (zero-width ones among them) and how much space.
const INVISIBLE = /\p{Cf}/gu;
const SPACES = /\s+/gu;

/**
 * A group's key as the text, Markdown and HTML tables show it (before escaping): `(no server)`
 * (`NO_SERVER`) for the jobs whose sessions named no backup server, the group a null key stands
 * for, and a real key as it is, unless it reads as that label, or that label in quotes, in any
 * case, once invisible characters are dropped, white space is one space and padding is trimmed:
 * then it is shown so, quoted, so a server really named `(no server)` is shown as `"(no server)"`,
 * one named ` (NO SERVER) ` as `"(NO SERVER)"`, one named `"(no server)"` as `""(no server)""`.
 */
export function groupKeyText(group: GroupReport): string {
  if (group.key === null) return NO_SERVER;
  const seen = toSingleLine(group.key).replace(INVISIBLE, '').replace(SPACES, ' ').trim();
  // As it reads: quoted with its padding, it could read as another key that is not label-like.
  return LABEL_LIKE.test(seen) ? `"${seen}"` : group.key;
}

/** The headers after the key column, in the order of `groupCells`. */
export const GROUP_HEADERS = [
  'Jobs',
  'Runs',
  'Failed',
  'Success rate',
  'Jobs breaching RPO',
] as const;

/**
 * A group's figures as display text, one cell per `GROUP_HEADERS` entry; `none` stands for a
 * success rate without finished runs. The key is not among them: escaping it is the renderer's.
 */
export const groupCells = (group: GroupReport, none: string): string[] => [
  String(group.jobs),
  String(group.runs),
  String(group.failedRuns),
  group.successRate === null ? none : formatPercent(group.successRate),
  String(group.jobsBreachingRpo),
];
