import type { BackupJobSession, SessionResult } from '@vbem/model';
import { describe, expect, it, vi } from 'vitest';
import { buildReport } from '../src/build-report.js';
import { mergeReports } from '../src/merge-reports.js';
import { renderCsv } from '../src/render/render-csv.js';
import { renderHtml } from '../src/render/render-html.js';
import { renderMarkdown } from '../src/render/render-markdown.js';
import { renderPrometheus } from '../src/render/render-prometheus.js';
import { renderText } from '../src/render/render-text.js';
import type { SessionReport } from '../src/report.js';
import { ReportError } from '../src/report-error.js';
import type { ReportOptions } from '../src/report-options.js';

const MINUTE = 60_000;
const NOW = new Date('2025-10-06T12:00:00Z');

let sessionCount = 0;

/** A finished backup job session as EM returns it, with the Up link to its backup server. */
function jobSession(
  job: string,
  start: string,
  result: SessionResult = 'Success',
  server = 'vbr01.lab.local',
): BackupJobSession {
  const id = `00000000-0000-4000-8000-${String(++sessionCount).padStart(12, '0')}`;
  const creation = new Date(start);
  return {
    Href: `https://em:9398/api/backupSessions/${id}?format=Entity`,
    Type: 'BackupJobSession',
    Name: `${job}@${start}`,
    UID: `urn:veeam:BackupJobSession:${id}`,
    Links: [
      {
        Rel: 'Up',
        Type: 'BackupServerReference',
        Href: `https://em:9398/api/backupServers/${server}`,
        Name: server,
      },
    ],
    JobUid: `urn:veeam:Job:${job}`,
    JobName: job,
    JobType: 'Backup',
    CreationTimeUTC: creation,
    EndTimeUTC: new Date(creation.getTime() + 10 * MINUTE),
    State: 'Stopped',
    Result: result,
    Progress: 100,
    IsRetry: false,
  };
}

/** A finished task session of `session` for one VM. */
const taskSession = (vm: string, session: BackupJobSession, result: SessionResult) => ({
  UID: `urn:veeam:BackupTaskSession:${vm}-${session.UID.slice(-12)}`,
  VmDisplayName: vm,
  JobSessionUid: session.UID,
  CreationTimeUTC: session.CreationTimeUTC,
  EndTimeUTC: new Date(session.CreationTimeUTC.getTime() + 5 * MINUTE),
  State: 'Stopped',
  Result: result,
  Reason: result === 'Success' ? '' : 'Guest processing failed',
});

const jobEntity = (name: string) => ({
  UID: `urn:veeam:Job:${name}`,
  Name: name,
  JobType: 'Backup',
  ScheduleEnabled: true,
});

const options: ReportOptions = { now: NOW, since: '3d', groupBy: 'backupServer' };

async function twoReports(): Promise<[SessionReport, SessionReport]> {
  const east = await buildReport(
    {
      sessions: [
        jobSession('Files', '2025-10-05T01:00:00Z'),
        jobSession('Files', '2025-10-06T01:00:00Z', 'Failed'),
        jobSession('Mail', '2025-10-06T02:00:00Z'),
      ],
      jobs: [jobEntity('Files'), jobEntity('Archive')],
      source: 'em-east',
      failedSources: [{ name: 'vbr-east-2', error: 'timed out', source: 'em-east' }],
    },
    options,
  );
  const west = await buildReport(
    {
      sessions: [
        jobSession('Files', '2025-10-04T01:00:00Z', 'Success', 'vbr02.lab.local'),
        jobSession('Files', '2025-10-05T01:00:00Z', 'Warning', 'vbr02.lab.local'),
        jobSession('Sql', '2025-10-05T03:00:00Z', 'Failed', 'vbr02.lab.local'),
      ],
      jobs: [jobEntity('Legacy')],
      source: 'em-west',
    },
    options,
  );
  return [east, west];
}

describe('mergeReports', () => {
  it('puts the jobs of several EMs together, most urgent first, each with its source', async () => {
    const merged = mergeReports(await twoReports());
    expect(merged.jobs.map((job) => [job.jobName, job.source, job.health])).toEqual([
      // No success at all.
      ['Sql', 'em-west', 'critical'],
      // Last success 58 h 50 min ago, then 34 h 50 min ago, both past the 24 h RPO.
      ['Files', 'em-west', 'critical'],
      ['Files', 'em-east', 'critical'],
      ['Mail', 'em-east', 'ok'],
    ]);
    expect(merged.empty).toBe(false);
    expect(merged.window).toEqual({
      from: '2025-10-03T12:00:00.000Z',
      to: '2025-10-06T12:00:00.000Z',
      timeZone: 'UTC',
    });
  });

  it('sums days by date and recomputes totals and groups from the merged jobs', async () => {
    const merged = mergeReports(await twoReports());
    expect(merged.days).toEqual([
      { date: '2025-10-03', successfulRuns: 0, warningRuns: 0, failedRuns: 0 },
      { date: '2025-10-04', successfulRuns: 1, warningRuns: 0, failedRuns: 0 },
      { date: '2025-10-05', successfulRuns: 1, warningRuns: 1, failedRuns: 1 },
      { date: '2025-10-06', successfulRuns: 1, warningRuns: 0, failedRuns: 1 },
    ]);
    expect(merged.totals).toEqual({
      jobs: 4,
      runs: 6,
      attempts: 6,
      successfulRuns: 3,
      warningRuns: 1,
      failedRuns: 2,
      runningRuns: 0,
      runsWithoutOutcome: 0,
      successRate: 0.5,
      jobsBreachingRpo: 3,
      // Each report's job list has a scheduled job that never ran: both breach their RPO.
      missedJobsBreachingRpo: 2,
      vmsBreachingRpo: null,
    });
    expect(merged.groups).toEqual([
      {
        by: 'backupServer',
        key: 'vbr01.lab.local',
        source: 'em-east',
        jobs: 2,
        runs: 3,
        failedRuns: 1,
        successRate: 2 / 3,
        jobsBreachingRpo: 1,
      },
      {
        by: 'backupServer',
        key: 'vbr02.lab.local',
        source: 'em-west',
        jobs: 2,
        runs: 3,
        failedRuns: 1,
        successRate: 1 / 3,
        jobsBreachingRpo: 2,
      },
    ]);
  });

  it('keeps backup servers of the same name on two EMs apart; job types add up', async () => {
    const report = (source: string) =>
      buildReport(
        {
          sessions: [
            jobSession(`Files ${source}`, '2025-10-05T01:00:00Z', 'Failed', 'vbr01'),
            jobSession(`Mail ${source}`, '2025-10-05T02:00:00Z', 'Success', 'vbr01'),
          ],
          source,
        },
        options,
      );
    const merged = mergeReports([await report('em-paris'), await report('em-tokyo')]);
    expect(merged.groups.map((group) => [group.key, group.source, group.jobs])).toEqual([
      ['vbr01', 'em-paris', 2],
      ['vbr01', 'em-tokyo', 2],
    ]);
    const byType = mergeReports([
      await buildReport(
        { sessions: [jobSession('A', '2025-10-05T01:00:00Z')], source: 'x' },
        {
          ...options,
          groupBy: 'jobType',
        },
      ),
      await buildReport(
        { sessions: [jobSession('B', '2025-10-05T01:00:00Z')], source: 'y' },
        {
          ...options,
          groupBy: 'jobType',
        },
      ),
    ]);
    expect(byType.groups).toEqual([
      expect.objectContaining({ by: 'jobType', key: 'Backup', source: null, jobs: 2 }),
    ]);
  });

  it('puts missed jobs and failed sources together', async () => {
    const merged = mergeReports(await twoReports());
    expect(merged.missedJobs.map((job) => [job.jobName, job.source])).toEqual([
      ['Archive', 'em-east'],
      ['Legacy', 'em-west'],
    ]);
    expect(merged.failedSources).toEqual([
      { name: 'vbr-east-2', error: 'timed out', source: 'em-east' },
    ]);
  });

  it('puts the VMs together, most urgent first, and counts those breaching their RPO', async () => {
    const reportWithVm = async (source: string, start: string, result: SessionResult) => {
      const session = jobSession('Files', start, result);
      return buildReport(
        { sessions: [session], taskSessions: [taskSession('fs01', session, result)], source },
        options,
      );
    };
    const merged = mergeReports([
      await reportWithVm('em-east', '2025-10-06T01:00:00Z', 'Success'),
      await reportWithVm('em-west', '2025-10-06T01:00:00Z', 'Failed'),
    ]);
    expect(merged.vms.map((vm) => [vm.vmName, vm.source, vm.health, vm.rpoBreached])).toEqual([
      ['fs01', 'em-west', 'critical', true],
      ['fs01', 'em-east', 'ok', false],
    ]);
    expect(merged.vms[0]?.jobUid).toBe('urn:veeam:Job:Files');
    expect(merged.totals).toMatchObject({ jobs: 2, jobsBreachingRpo: 1, vmsBreachingRpo: 1 });

    // Every format says which EM's fs01 breaches its RPO.
    expect(renderText(merged, { color: false })).toMatch(/fs01 \(Files, on em-west\): no success/);
    expect(renderMarkdown(merged)).toMatch(/\| fs01 \| Files \| em-west \|/);
    expect(renderHtml(merged)).toContain(
      '<td class="text">fs01</td><td class="text">Files</td><td class="text">em-west</td>',
    );
    expect(renderCsv(merged, { table: 'vms' }).split('\r\n')[1]).toMatch(
      /^fs01,Files,urn:veeam:Job:Files,em-west,critical,/,
    );
  });

  it('names the source in every table when only one EM of several has a job in the report', async () => {
    const session = jobSession('Files', '2025-10-06T01:00:00Z', 'Failed');
    const east = await buildReport(
      {
        sessions: [session],
        taskSessions: [taskSession('fs01', session, 'Failed')],
        source: 'em-east',
      },
      options,
    );
    // West answered without a job of the --job filter; omega failed (as `vbem report --all` adds it).
    const west = await buildReport({ sessions: [], source: 'em-west' }, options);
    const failed = await buildReport(
      { sessions: [], failedSources: [{ name: 'omega', error: 'timed out' }] },
      options,
    );
    for (const merged of [mergeReports([east, west]), mergeReports([east, failed])]) {
      const text = renderText(merged, { color: false, width: 120 });
      expect(text).toMatch(/^Job +Source +Health/m);
      expect(text).toMatch(/^Backup server +Source +Jobs/m);
      expect(text).toMatch(/fs01 \(Files, on em-east\): no success/);
      const markdown = renderMarkdown(merged);
      expect(markdown).toContain('| Job | Source | Health |');
      expect(markdown).toMatch(/\| fs01 \| Files \| em-east \|/);
      expect(markdown).toContain('| Backup server | Source |');
      const html = renderHtml(merged);
      expect(html).toContain(
        '<td class="text">fs01</td><td class="text">Files</td><td class="text">em-east</td>',
      );
      // Its job table names every job's source in the job's details, one source or several.
      expect(html).toContain('from em-east');
      // The VM and backup server tables (and the failed sources one, when there is one).
      expect(html.match(/<th[^>]*>Source<\/th>/g)?.length).toBeGreaterThanOrEqual(2);
      expect(renderCsv(merged, { table: 'vms' }).split('\r\n')[1]).toMatch(/,em-east,/);
    }
    expect(mergeReports([east, west]).sources).toEqual(['em-east', 'em-west']);
    // One EM alone: its tables have no Source column.
    const text = renderText(east, { color: false, width: 120 });
    expect(text).not.toMatch(/Source/);
    expect(text).toMatch(/fs01 \(Files\): no success/);
    expect(renderMarkdown(east)).not.toContain('Source');
    expect(renderHtml(east)).not.toMatch(/<th[^>]*>Source<\/th>/);
  });

  it('writes a source_up series per EM, 0 for one that failed, to route its alerts by', async () => {
    const [east, west] = await twoReports();
    const failed = await buildReport(
      { sessions: [], failedSources: [{ name: 'omega', error: 'timed out' }] },
      options,
    );
    const text = renderPrometheus(mergeReports([east, west, failed]));
    expect(text).toContain(
      [
        '# HELP vbem_source_up Per named source (EM): 1 when it answered, 0 when it failed and the report lacks its jobs; per backup server a source that answered could not reach (labelled backup_server too): 0.',
        '# TYPE vbem_source_up gauge',
        'vbem_source_up{source="em-east"} 1',
        // vbr-east-2, a backup server em-east could not reach, is labelled as one of em-east's.
        'vbem_source_up{source="em-east",backup_server="vbr-east-2"} 0',
        'vbem_source_up{source="em-west"} 1',
        'vbem_source_up{source="omega"} 0',
        '',
      ].join('\n'),
    );
    // An EM alone says it answered; a report of no named source has no such series.
    expect(renderPrometheus(west)).toContain('\nvbem_source_up{source="em-west"} 1\n');
    expect(renderPrometheus(await buildReport({ sessions: [] }, options))).not.toContain(
      'source_up',
    );
  });

  it('tells a failed backup server named like an EM from that EM', async () => {
    const [east, west] = await twoReports();
    const shadow = await buildReport(
      {
        sessions: [],
        source: 'em-east',
        failedSources: [{ name: 'em-west', error: 'timed out', source: 'em-east' }],
      },
      options,
    );
    const text = renderPrometheus(mergeReports([east, west, shadow]));
    expect(text).toContain('\nvbem_source_up{source="em-west"} 1\n');
    expect(text).toContain('\nvbem_source_up{source="em-east",backup_server="em-west"} 0\n');
  });

  it('gives back a single report as it was', async () => {
    const [east] = await twoReports();
    expect(mergeReports([east])).toEqual(east);
  });

  it('refuses reports of different windows or policies, and no reports at all', async () => {
    const [east, west] = await twoReports();
    const laterWest = await buildReport(
      { sessions: [] },
      { ...options, now: new Date('2025-10-07T12:00:00Z') },
    );
    const lenientWest = await buildReport(
      { sessions: [] },
      { ...options, policy: 'warning-is-success' },
    );
    const berlinWest = await buildReport(
      { sessions: [] },
      { ...options, timeZone: 'Europe/Berlin' },
    );
    for (const other of [laterWest, lenientWest, berlinWest]) {
      expect(() => mergeReports([east, other])).toThrow(ReportError);
    }
    expect(() => mergeReports([east, laterWest])).toThrow(
      /report 1 covers 2025-10-04T12:00:00.000Z to 2025-10-07T12:00:00.000Z/,
    );
    expect(() => mergeReports([])).toThrow(/no reports to merge/);
    // From JavaScript: what is no array of reports is refused by name, not a TypeError.
    const outside = (value: unknown) => value as SessionReport[];
    expect(() => mergeReports(outside(null))).toThrow(
      new ReportError('invalid-input', 'reports is null, not an array of reports'),
    );
    expect(() => mergeReports(outside([east, null]))).toThrow(
      new ReportError('invalid-input', 'report 1 is null, not a report'),
    );
    // Not awaited: named a promise, not a TypeError from reading its window.
    expect(() => mergeReports(outside([Promise.resolve(east)]))).toThrow(
      new ReportError('invalid-input', 'report 0 is a promise (await buildReport), not a report'),
    );
    expect(() => mergeReports(outside(Promise.resolve([east])))).toThrow(
      new ReportError('invalid-input', 'reports is a promise (await it), not an array of reports'),
    );
    expect(() => mergeReports([east, west])).not.toThrow();
  });

  it('says how to give reports one window when only their clocks differ (no now given)', async () => {
    // As two buildReport calls on the system clock, a few milliseconds apart.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(NOW);
      const east = await buildReport({ sessions: [], source: 'east' });
      vi.setSystemTime(NOW.getTime() + 3);
      const west = await buildReport({ sessions: [], source: 'west' });
      expect(() => mergeReports([east, west])).toThrow(
        new ReportError(
          'invalid-input',
          'only reports of the same window, policy and default RPO can be merged: report 1 covers 2025-09-29T12:00:00.003Z to 2025-10-06T12:00:00.003Z in UTC, policy strict, default RPO 86400 s, report 0 covers 2025-09-29T12:00:00.000Z to 2025-10-06T12:00:00.000Z in UTC, policy strict, default RPO 86400 s; build every report with the same now (const now = new Date(), given to each buildReport) and the same since, or from and to',
        ),
      );
      // Reports of one window but another policy need no clock.
      const lenient = await buildReport({ sessions: [] }, { policy: 'warning-is-success' });
      vi.setSystemTime(NOW);
      const strict = await buildReport({ sessions: [] }, { now: new Date(NOW.getTime() + 3) });
      expect(() => mergeReports([strict, lenient])).toThrow(/default RPO 86400 s$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('merges reports whose zones are two names of one zone', async () => {
    const india = (timeZone: string, source: string) =>
      buildReport({ sessions: [], source }, { ...options, timeZone });
    const merged = mergeReports([
      await india('Asia/Kolkata', 'east'),
      await india('Asia/Calcutta', 'west'),
    ]);
    expect(merged.window.timeZone).toBe('Asia/Kolkata');
  });

  it('refuses a job in two reports with the same source, which no reader could tell apart', async () => {
    const unnamed = () =>
      buildReport({ sessions: [jobSession('Files', '2025-10-05T01:00:00Z')] }, options);
    const [first, second] = [await unnamed(), await unnamed()];
    expect(() => mergeReports([first, second])).toThrow(ReportError);
    expect(() => mergeReports([first, second])).toThrow(
      /job urn:veeam:Job:Files \("Files"\) is in the jobs of report 0 and report 1 with the same source \(none\)/,
    );
    const east = await buildReport(
      { sessions: [jobSession('Files', '2025-10-05T01:00:00Z')], source: 'em-east' },
      options,
    );
    expect(mergeReports([first, east]).jobs).toHaveLength(2);
  });

  it('takes a source of "" for none, which Prometheus writes alike', async () => {
    const ofSource = (source: string | undefined) =>
      buildReport(
        {
          sessions: [jobSession('Files', '2025-10-05T01:00:00Z')],
          taskSessions: [],
          jobs: [jobEntity('Archive')],
          source,
        },
        options,
      );
    const [empty, none] = [await ofSource(''), await ofSource(undefined)];
    const rows = (report: SessionReport) => [...report.jobs, ...report.missedJobs, ...report.vms];
    expect(rows(empty).map((row) => row.source)).toEqual([null, null]);
    expect(() => mergeReports([none, empty])).toThrow(
      /job urn:veeam:Job:Files \("Files"\) is in the jobs of report 0 and report 1 with the same source \(none\)/,
    );
    // A report that says "" (an earlier version's, or one made by hand) merges as one without.
    const given = (report: SessionReport, source: string): SessionReport => ({
      ...report,
      jobs: report.jobs.map((job) => ({ ...job, source })),
      missedJobs: report.missedJobs.map((job) => ({ ...job, source })),
    });
    const other = await buildReport(
      { sessions: [jobSession('Mail', '2025-10-05T02:00:00Z')] },
      options,
    );
    expect(() => mergeReports([given(empty, ''), none])).toThrow(ReportError);
    const merged = mergeReports([given(empty, ''), other]);
    expect(rows(merged).map((row) => row.source)).toEqual([null, null, null]);
    expect(renderText(merged)).not.toMatch(/Source/);
  });

  it('refuses a missed job in two reports with the same source', async () => {
    const missing = () => buildReport({ sessions: [], jobs: [jobEntity('Archive')] }, options);
    const [first, second] = [await missing(), await missing()];
    expect(() => mergeReports([first, second])).toThrow(
      /job urn:veeam:Job:Archive \("Archive"\) is in the missedJobs of report 0 and report 1 with the same source \(none\)/,
    );
  });

  it('refuses a job run in one report and missed in another with the same source', async () => {
    const ran = await buildReport(
      { sessions: [jobSession('Files', '2025-10-05T01:00:00Z')], source: 'em1' },
      options,
    );
    const missed = await buildReport(
      { sessions: [], jobs: [jobEntity('Files')], source: 'em1' },
      options,
    );
    expect(() => mergeReports([ran, missed])).toThrow(
      /job urn:veeam:Job:Files \("Files"\) is in the jobs of report 0 and the missedJobs of report 1 with the same source \("em1"\)/,
    );
    expect(() => mergeReports([missed, ran])).toThrow(
      /the missedJobs of report 0 and the jobs of report 1/,
    );
  });

  it('sorts the merged VMs the same whatever the order of the reports', async () => {
    // The same job and VM on two EMs, in the same state: only the source tells them apart.
    const ofSource = (source: string) => {
      const session = jobSession('Files', '2025-10-06T01:00:00Z');
      return buildReport(
        { sessions: [session], taskSessions: [taskSession('vm1', session, 'Success')], source },
        options,
      );
    };
    const reports = [await ofSource('em2'), await ofSource('em1')];
    const sources = (report: SessionReport) => report.vms.map((vm) => vm.source);
    expect(sources(mergeReports(reports))).toEqual(['em1', 'em2']);
    expect(sources(mergeReports([...reports].reverse()))).toEqual(['em1', 'em2']);
  });

  it('sorts the merged missed jobs as buildReport does, whatever the order of the reports', async () => {
    const missing = (name: string, source: string) =>
      buildReport({ sessions: [], jobs: [jobEntity(name)], source }, options);
    const reports = [
      await missing('Zeta', 'em1'),
      await missing('Alpha', 'em2'),
      await missing('Alpha', 'em1'),
    ];
    const names = (report: SessionReport) =>
      report.missedJobs.map((job) => `${job.jobName}@${job.source}`);
    expect(names(mergeReports(reports))).toEqual(['Alpha@em1', 'Alpha@em2', 'Zeta@em1']);
    expect(names(mergeReports([...reports].reverse()))).toEqual(names(mergeReports(reports)));
  });
});
