import { compareText } from './compare-text.js';
import type { DayReport, GroupReport, SessionReport } from './report.js';
import { ReportError } from './report-error.js';
import { groupsOf } from './report-groups.js';
import { totalsOf } from './report-totals.js';
import { compareJobsByUrgency, compareVmsByUrgency } from './urgency.js';

const describeWindow = (report: SessionReport): string =>
  `${report.window.from} to ${report.window.to} in ${report.window.timeZone}, policy ${report.policy}, default RPO ${report.defaultRpoSeconds} s`;

/**
 * One report from the reports of several EMs over the same window, policy and default RPO
 * (ReportError `invalid-input` otherwise, naming the report that differs). Jobs and VMs are put
 * together and sorted by urgency again, each job keeping its source; days are summed by date;
 * missed jobs and failed sources are put together; totals and groups are computed anew from the
 * merged jobs and VMs, grouped the ways the reports were. The merged report was generated at the
 * latest of their times.
 */
export function mergeReports(reports: readonly SessionReport[]): SessionReport {
  const [first] = reports;
  if (first === undefined) throw new ReportError('invalid-input', 'no reports to merge');
  reports.forEach((report, index) => {
    if (report.schemaVersion !== first.schemaVersion) {
      throw new ReportError(
        'invalid-input',
        `report ${index} has schemaVersion ${report.schemaVersion}, report 0 has ${first.schemaVersion}`,
      );
    }
    if (describeWindow(report) !== describeWindow(first)) {
      throw new ReportError(
        'invalid-input',
        `only reports of the same window, policy and default RPO can be merged: report ${index} covers ${describeWindow(report)}, report 0 covers ${describeWindow(first)}`,
      );
    }
  });

  const daysByDate = new Map<string, DayReport>();
  for (const day of reports.flatMap((report) => report.days)) {
    const sum = daysByDate.get(day.date);
    daysByDate.set(
      day.date,
      sum === undefined
        ? { ...day }
        : {
            date: day.date,
            successfulRuns: sum.successfulRuns + day.successfulRuns,
            warningRuns: sum.warningRuns + day.warningRuns,
            failedRuns: sum.failedRuns + day.failedRuns,
          },
    );
  }
  const groupings = new Set<GroupReport['by']>(
    reports.flatMap((report) => report.groups.map((group) => group.by)),
  );
  const jobs = reports.flatMap((report) => report.jobs).sort(compareJobsByUrgency);
  const vms = reports.flatMap((report) => report.vms).sort(compareVmsByUrgency);
  const policy = first.policy;

  return {
    schemaVersion: first.schemaVersion,
    generatedAt: reports
      .map((report) => report.generatedAt)
      .reduce((latest, time) => (Date.parse(time) > Date.parse(latest) ? time : latest)),
    window: { ...first.window },
    policy,
    defaultRpoSeconds: first.defaultRpoSeconds,
    empty: reports.every((report) => report.empty),
    totals: totalsOf(jobs, vms, policy),
    jobs,
    vms,
    days: [...daysByDate.values()].sort((a, b) => compareText(a.date, b.date)),
    missedJobs: reports.flatMap((report) => report.missedJobs),
    failedSources: reports.flatMap((report) => report.failedSources),
    groups: [...groupings].flatMap((by) => groupsOf(jobs, by, policy)),
  };
}
