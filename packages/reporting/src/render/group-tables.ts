import { formatPercent } from '../format-percent.js';
import type { GroupReport, SessionReport } from '../report.js';
import { showsSources } from './shows-sources.js';

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

/**
 * A group's key as the text, Markdown and HTML tables show it (before escaping): `(no server)`
 * for the jobs whose sessions named no backup server, the group a null key stands for.
 */
export const groupKeyText = (group: GroupReport): string => group.key ?? '(no server)';

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
