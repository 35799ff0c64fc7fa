import { compareText } from './compare-text.js';
import { describeValue, isPromiseLike } from './describe-value.js';
import { MAX_REPORT_REASONS, ReasonTally } from './reason-tally.js';
import type { DayReport, GroupReport, SessionReport } from './report.js';
import { ReportError } from './report-error.js';
import { groupsOf } from './report-groups.js';
import { answeredSources, sourcesWithoutVmsOf } from './report-sources.js';
import { totalsOf } from './report-totals.js';
import { compareJobsByUrgency, compareVmsByUrgency } from './urgency.js';

const describeWindow = (report: SessionReport): string =>
  `${report.window.from} to ${report.window.to} in ${report.window.timeZone}, policy ${report.policy}, default RPO ${report.defaultRpoSeconds} s`;

/** A zone as Intl resolves it: two names of one zone (Asia/Kolkata and Asia/Calcutta) are one. */
function resolvedZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return timeZone;
  }
}

/**
 * How to make two windows the same, when they differ: reports built on the system clock (no
 * `now`) a few milliseconds apart have windows that differ by as much.
 */
const windowHint = (report: SessionReport, first: SessionReport): string =>
  report.window.from === first.window.from && report.window.to === first.window.to
    ? ''
    : '; build every report with the same now (const now = new Date(), given to each buildReport) and the same since, or from and to';

/** What reports must share to be merged: describeWindow, with the zone as Intl resolves it. */
const windowKey = (report: SessionReport): string =>
  describeWindow({
    ...report,
    window: { ...report.window, timeZone: resolvedZone(report.window.timeZone) },
  });

/**
 * A row's source, '' (from a report of an earlier version, or made by hand) being none, as
 * buildReport takes it: Prometheus writes both as source="".
 */
const sourceOf = (row: { readonly source: string | null }): string | null =>
  row.source === '' ? null : row.source;

/** A row with a source of '' as one with none (see sourceOf). */
const withEmptySourceAsNull = <Row extends { readonly source: string | null }>(row: Row): Row =>
  row.source === '' ? { ...row, source: null } : row;

/**
 * One report from the reports of several EMs over the same window, policy and default RPO
 * (ReportError `invalid-input` otherwise, naming the report that differs, as for a report that is
 * no object), in which no job is in
 * two reports (as a job or a missed job) with the same `source` (`invalid-input` too: set
 * `input.source`; a source of '' is none, as in buildReport). Jobs and VMs are put
 * together and sorted by urgency again, each job keeping its source; days are summed by date;
 * missed jobs are put together in buildReport's order (by name, UID, then source), failed sources,
 * sources and sources without VMs (each once) in the reports' order; totals and groups are computed anew from the
 * merged jobs and VMs, grouped the ways the reports were. The merged report was generated at the
 * latest of their times.
 */
export function mergeReports(reports: readonly SessionReport[]): SessionReport {
  // From JavaScript: anything but an array of objects would fail as a TypeError further down.
  if (!Array.isArray(reports as unknown)) {
    throw new ReportError(
      'invalid-input',
      `reports is ${isPromiseLike(reports) ? 'a promise (await it)' : describeValue(reports)}, not an array of reports`,
    );
  }
  reports.forEach((report: unknown, index) => {
    // A promise is an object too: its missing window would fail as a TypeError.
    if (typeof report !== 'object' || report === null || isPromiseLike(report)) {
      const what = isPromiseLike(report) ? 'a promise (await buildReport)' : describeValue(report);
      throw new ReportError('invalid-input', `report ${index} is ${what}, not a report`);
    }
  });
  const [first] = reports;
  if (first === undefined) throw new ReportError('invalid-input', 'no reports to merge');
  reports.forEach((report, index) => {
    if (report.schemaVersion !== first.schemaVersion) {
      throw new ReportError(
        'invalid-input',
        `report ${index} has schemaVersion ${report.schemaVersion}, report 0 has ${first.schemaVersion}`,
      );
    }
    const withoutVms: unknown = report.sourcesWithoutVms;
    if (withoutVms !== undefined && !Array.isArray(withoutVms)) {
      throw new ReportError(
        'invalid-input',
        `report ${index} has sourcesWithoutVms ${describeValue(withoutVms)}, not an array of { name, error }`,
      );
    }
    if (windowKey(report) !== windowKey(first)) {
      throw new ReportError(
        'invalid-input',
        `only reports of the same window, policy and default RPO can be merged: report ${index} covers ${describeWindow(report)}, report 0 covers ${describeWindow(first)}${windowHint(report, first)}`,
      );
    }
  });

  // A job in two reports with the same source would be two rows nobody can tell apart, and two
  // identical series that make node_exporter reject the whole Prometheus textfile; a job run in one
  // report and missed in another would be both.
  const placeOfJob = new Map<string, { readonly index: number; readonly list: string }>();
  reports.forEach((report, index) => {
    for (const list of ['jobs', 'missedJobs'] as const) {
      for (const job of report[list]) {
        const source = sourceOf(job);
        const key = JSON.stringify([job.jobUid, source]);
        const earlier = placeOfJob.get(key);
        if (earlier !== undefined && earlier.index !== index) {
          const where =
            earlier.list === list
              ? `the ${list} of report ${earlier.index} and report ${index}`
              : `the ${earlier.list} of report ${earlier.index} and the ${list} of report ${index}`;
          throw new ReportError(
            'invalid-input',
            `job ${job.jobUid} ("${job.jobName}") is in ${where} with the same source (${source === null ? 'none' : JSON.stringify(source)}): give each report's input a source of its own to merge them`,
          );
        }
        placeOfJob.set(key, { index, list });
      }
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
  const jobs = reports
    .flatMap((report) => report.jobs.map(withEmptySourceAsNull))
    .sort(compareJobsByUrgency);
  // In buildReport's order, then by source.
  const missedJobs = reports
    .flatMap((report) => report.missedJobs.map(withEmptySourceAsNull))
    .sort(
      (a, b) =>
        compareText(a.jobName, b.jobName) ||
        compareText(a.jobUid, b.jobUid) ||
        compareText(a.source ?? '', b.source ?? ''),
    );
  const vms = reports
    .flatMap((report) => report.vms.map(withEmptySourceAsNull))
    .sort(compareVmsByUrgency);
  const policy = first.policy;
  // Each report's, with the sources of its rows for a report of an earlier version: an EM that
  // answered without a job still makes the merge one of several sources.
  const sources = [...new Set(reports.flatMap(answeredSources))];

  return {
    schemaVersion: first.schemaVersion,
    generatedAt: reports
      .map((report) => report.generatedAt)
      .reduce((latest, time) => (Date.parse(time) > Date.parse(latest) ? time : latest)),
    window: { ...first.window },
    policy,
    defaultRpoSeconds: first.defaultRpoSeconds,
    empty: reports.every((report) => report.empty),
    // VMs are unknown when no report assessed them, or a source's are missing (its task sessions
    // could not be read): a count of the others' would read as the whole.
    totals: totalsOf(
      jobs,
      reports.every((report) => report.totals.vmsBreachingRpo === null) ||
        reports.some((report) => (report.sourcesWithoutVms?.length ?? 0) > 0)
        ? null
        : vms,
      policy,
      missedJobs,
    ),
    jobs,
    vms,
    days: [...daysByDate.values()].sort((a, b) => compareText(a.date, b.date)),
    missedJobs,
    failedSources: reports.flatMap((report) => report.failedSources),
    ...(sources.length === 0 ? {} : { sources }),
    ...sourcesWithoutVmsOf(reports.flatMap((report) => report.sourcesWithoutVms ?? [])),
    groups: [...groupings].flatMap((by) => groupsOf(jobs, by, policy)),
    ...mergedFailureReasons(reports),
  };
}

/**
 * The reports' overall failure reasons summed; absent when a report has none (an earlier version),
 * renderers then summing the VMs' lists. A kind cut from one report's list misses its count there.
 */
function mergedFailureReasons(
  reports: readonly SessionReport[],
): Pick<SessionReport, 'failureReasons' | 'failureReasonKinds'> {
  const tally = new ReasonTally();
  let cutKinds = 0;
  for (const { failureReasons, failureReasonKinds } of reports) {
    if (failureReasons === undefined) return {};
    tally.addAll(failureReasons);
    cutKinds += Math.max(0, (failureReasonKinds ?? 0) - failureReasons.length);
  }
  return {
    failureReasons: tally.top(MAX_REPORT_REASONS),
    failureReasonKinds: tally.kinds + cutKinds,
  };
}
