import { describe, expect, it } from 'vitest';
import { buildReport } from '../src/build-report.js';
import { renderPrometheus } from '../src/render/render-prometheus.js';
import { ReportError } from '../src/report-error.js';
import {
  groupedReport,
  HOSTILE_NAMES,
  hostileReport,
  jobReport,
  sessionReport,
  smallReport,
} from './render-fixtures.js';

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? -?[0-9.e+-]+$/;

/** Label values of a sample line, unescaped as the exposition format says; throws when malformed. */
function parseLabels(line: string): Map<string, string> {
  const labels = new Map<string, string>();
  const open = line.indexOf('{');
  if (open < 0) return labels;
  let index = open + 1;
  while (line[index] !== '}') {
    const name = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(index));
    if (name?.[1] === undefined) throw new Error(`bad label name at ${index} in ${line}`);
    index += name[0].length;
    let value = '';
    while (line[index] !== '"') {
      const char = line[index];
      if (char === undefined) throw new Error(`unterminated label value in ${line}`);
      if (char === '\\') {
        const escaped = line[index + 1];
        if (escaped === 'n') value += '\n';
        else if (escaped === '\\' || escaped === '"') value += escaped;
        else throw new Error(`bad escape \\${escaped} in ${line}`);
        index += 2;
      } else {
        value += char;
        index += 1;
      }
    }
    labels.set(name[1], value);
    index += 1;
    if (line[index] === ',') index += 1;
  }
  if (!SAMPLE.test(`x ${line.slice(index + 2)}`)) throw new Error(`bad value in ${line}`);
  return labels;
}

/** Checks the text format's grammar; returns the metric names in the order they appear. */
function checkExposition(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  const families: string[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (comment !== null) {
      const [, kind, name] = comment;
      if (kind === 'HELP') {
        expect(families).not.toContain(name);
        families.push(name ?? '');
      } else {
        expect(families.at(-1)).toBe(name);
        expect(comment[3]).toBe('gauge');
      }
      continue;
    }
    expect(line).toMatch(SAMPLE);
    expect(line).not.toMatch(/NaN|Inf/);
    expect(line.slice(0, line.search(/[{ ]/))).toBe(families.at(-1));
    parseLabels(line);
  }
  return families;
}

describe('renderPrometheus', () => {
  it('writes every metric of a job, labelled, with HELP and TYPE', () => {
    const report = sessionReport({
      empty: false,
      jobs: [jobReport({ jobName: 'Nightly', source: 'em1' })],
    });
    expect(renderPrometheus(report)).toBe(
      lines(
        '# HELP vbem_report_generated_timestamp_seconds Unix time the report was built at.',
        '# TYPE vbem_report_generated_timestamp_seconds gauge',
        'vbem_report_generated_timestamp_seconds 1758700800',
        '# HELP vbem_report_failed_sources Sources (EMs, backup servers) that failed to answer; the report lacks their jobs.',
        '# TYPE vbem_report_failed_sources gauge',
        'vbem_report_failed_sources 0',
        '# HELP vbem_source_up Per named source (EM): 1 when it answered, 0 when it failed and the report lacks its jobs; per backup server a source that answered could not reach (labelled backup_server too): 0.',
        '# TYPE vbem_source_up gauge',
        'vbem_source_up{source="em1"} 1',
        '# HELP vbem_source_vms_known Per named source (EM) that answered: 1 when its VMs are in the report, 0 when its task sessions could not be read and the report lacks its VMs; absent when no VMs were assessed.',
        '# TYPE vbem_source_vms_known gauge',
        'vbem_source_vms_known{source="em1"} 1',
        '# HELP vbem_job_last_result Result of the last finished run in the window: 0 success, 1 warning, 2 failed, -1 none.',
        '# TYPE vbem_job_last_result gauge',
        'vbem_job_last_result{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 0',
        '# HELP vbem_job_last_success_timestamp_seconds Unix time of the end of the last run that counts as a success under the policy, in the window or before it; absent without one.',
        '# TYPE vbem_job_last_success_timestamp_seconds gauge',
        'vbem_job_last_success_timestamp_seconds{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 1758697200',
        '# HELP vbem_job_runs Runs in the window by result, retries folded into their run.',
        '# TYPE vbem_job_runs gauge',
        'vbem_job_runs{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1",result="success"} 1',
        'vbem_job_runs{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1",result="warning"} 0',
        'vbem_job_runs{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1",result="failed"} 0',
        '# HELP vbem_job_success_ratio Finished runs that count as a success under the policy, over finished runs; absent without finished runs.',
        '# TYPE vbem_job_success_ratio gauge',
        'vbem_job_success_ratio{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 1',
        '# HELP vbem_job_consecutive_failures Failed runs since the last run that counts as a success.',
        '# TYPE vbem_job_consecutive_failures gauge',
        'vbem_job_consecutive_failures{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 0',
        '# HELP vbem_job_running 1 while a run of the job is in progress, else 0.',
        '# TYPE vbem_job_running gauge',
        'vbem_job_running{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 0',
        '# HELP vbem_job_rpo_seconds The RPO the job is held to.',
        '# TYPE vbem_job_rpo_seconds gauge',
        'vbem_job_rpo_seconds{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 86400',
        '# HELP vbem_job_rpo_breached 1 when the last success is older than the RPO (or missing), else 0; a job of the job list with no session in the window included.',
        '# TYPE vbem_job_rpo_breached gauge',
        'vbem_job_rpo_breached{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 0',
        '# HELP vbem_job_missed 1 for a job of the job list with no session in the window, 0 for a job with one.',
        '# TYPE vbem_job_missed gauge',
        'vbem_job_missed{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 0',
        '# HELP vbem_job_duration_p50_seconds Median duration of the finished runs in the window; absent without finished runs.',
        '# TYPE vbem_job_duration_p50_seconds gauge',
        'vbem_job_duration_p50_seconds{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 600',
        '# HELP vbem_job_duration_p95_seconds 95th percentile duration of the finished runs in the window; absent without finished runs.',
        '# TYPE vbem_job_duration_p95_seconds gauge',
        'vbem_job_duration_p95_seconds{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 600',
        '# HELP vbem_job_duration_max_seconds Longest duration of the finished runs in the window; absent without finished runs.',
        '# TYPE vbem_job_duration_max_seconds gauge',
        'vbem_job_duration_max_seconds{job_name="Nightly",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source="em1"} 600',
      ),
    );
  });

  it('leaves out what is unknown instead of writing NaN, and codes no result as -1', () => {
    const report = smallReport();
    report.jobs = [
      jobReport({
        jobName: 'Never',
        lastResult: null,
        lastSuccessAt: null,
        successRate: null,
        durations: null,
        running: { since: '2025-09-24T07:00:00.000Z', elapsedSeconds: 60 },
      }),
    ];
    const text = renderPrometheus(report);
    expect(checkExposition(text)).toEqual([
      'vbem_report_generated_timestamp_seconds',
      'vbem_report_failed_sources',
      'vbem_source_up',
      'vbem_job_last_result',
      // Of the missed job: its last success before the window.
      'vbem_job_last_success_timestamp_seconds',
      'vbem_job_runs',
      'vbem_job_consecutive_failures',
      'vbem_job_running',
      'vbem_job_rpo_seconds',
      'vbem_job_rpo_breached',
      'vbem_job_missed',
      'vbem_missed_job_rpo_breached',
      'vbem_missed_job_last_success_timestamp_seconds',
    ]);
    expect(text).toContain(
      '\nvbem_missed_job_rpo_breached{job_name="Weekly archive",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000005",job_type="Backup",source=""} 1\n',
    );
    expect(text).toContain(
      '\nvbem_job_last_result{job_name="Never",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source=""} -1\n',
    );
    expect(text).toContain(
      '\nvbem_job_running{job_name="Never",job_uid="urn:veeam:Job:00000000-0000-0000-0000-000000000001",job_type="Backup",backup_server="vbr01",source=""} 1\n',
    );
    expect(text).toContain('\nvbem_report_failed_sources 1\n');
  });

  it('writes only the report metrics for an empty window', () => {
    expect(renderPrometheus(sessionReport())).toBe(
      lines(
        '# HELP vbem_report_generated_timestamp_seconds Unix time the report was built at.',
        '# TYPE vbem_report_generated_timestamp_seconds gauge',
        'vbem_report_generated_timestamp_seconds 1758700800',
        '# HELP vbem_report_failed_sources Sources (EMs, backup servers) that failed to answer; the report lacks their jobs.',
        '# TYPE vbem_report_failed_sources gauge',
        'vbem_report_failed_sources 0',
      ),
    );
  });

  it('keeps the series of a job that stopped running, with the same labels, its RPO breached', async () => {
    const server = {
      Rel: 'Up',
      Type: 'BackupServerReference',
      Href: 'https://em:9398/api/backupServers/1',
      Name: 'vbr01',
    };
    const job = {
      Href: 'https://em:9398/api/jobs/7',
      Name: 'SQL Backup',
      UID: 'urn:veeam:Job:7',
      Links: [server],
      JobType: 'Backup',
      ScheduleEnabled: true,
    };
    const sessions = [10, 11, 12, 13].map((day) => ({
      UID: `urn:veeam:BackupJobSession:${day}`,
      Links: [server],
      JobUid: job.UID,
      JobName: job.Name,
      JobType: 'Backup',
      CreationTimeUTC: new Date(`2026-11-${day}T02:00:00Z`),
      EndTimeUTC: new Date(`2026-11-${day}T02:20:00Z`),
      State: 'Stopped' as const,
      Result: 'Success' as const,
    }));
    const seriesAt = async (now: string) => {
      const report = await buildReport(
        { sessions, jobs: [job] },
        { now: new Date(now), since: '7d' },
      );
      return renderPrometheus(report)
        .split('\n')
        .filter((line) =>
          /^vbem_job_(rpo_breached|missed|last_success_timestamp_seconds)\{/.test(line),
        );
    };
    const labels =
      'job_name="SQL Backup",job_uid="urn:veeam:Job:7",job_type="Backup",backup_server="vbr01",source=""';
    const lastSuccess = `vbem_job_last_success_timestamp_seconds{${labels}} ${Date.parse('2026-11-13T02:20:00Z') / 1000}`;
    // Still running in the window, its RPO breached; then with no session in it.
    expect(await seriesAt('2026-11-16T00:00:00Z')).toEqual([
      lastSuccess,
      `vbem_job_rpo_breached{${labels}} 1`,
      `vbem_job_missed{${labels}} 0`,
    ]);
    expect(await seriesAt('2026-11-21T00:00:00Z')).toEqual([
      lastSuccess,
      `vbem_job_rpo_breached{${labels}} 1`,
      `vbem_job_missed{${labels}} 1`,
    ]);
  });

  it('writes jobs in label order whatever the report order', () => {
    const report = smallReport();
    const text = renderPrometheus(report);
    report.jobs.reverse();
    expect(renderPrometheus(report)).toBe(text);
    expect(
      text
        .split('\n')
        .filter((line) => line.startsWith('vbem_job_last_result'))
        .map((line) => parseLabels(line).get('job_name')),
    ).toEqual(['File server', 'Nightly SQL', 'Replica DC', 'Weekly archive']);
  });

  it('parses back: one HELP and TYPE per metric, every sample well-formed', () => {
    const families = checkExposition(renderPrometheus(smallReport()));
    expect(families).toHaveLength(17);
    expect(new Set(families).size).toBe(families.length);
  });

  it('keeps hostile names inside their label values', () => {
    const text = renderPrometheus(hostileReport());
    checkExposition(text);
    // Each name is a job, and a missed job, of the report.
    const samples = text.split('\n').filter((line) => line.startsWith('vbem_job_running'));
    expect(samples).toHaveLength(2 * HOSTILE_NAMES.length);
    // Line breaks escaped as one \n; controls and bidi controls inert, as in every renderer.
    const normalised = (name: string) =>
      name
        .replace(/\r\n|[\r\u0085\u2028\u2029]/g, '\n')
        .replace(/(?![\t\n])[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, '\uFFFD');
    expect(samples.map((line) => parseLabels(line).get('job_name')).sort()).toEqual(
      [...HOSTILE_NAMES, ...HOSTILE_NAMES].map(normalised).sort(),
    );
    // Every hostile name is a source that answered and one that failed: down, each once.
    const sources = text.split('\n').filter((line) => line.startsWith('vbem_source_up'));
    expect(sources.map((line) => parseLabels(line).get('source')).sort()).toEqual(
      HOSTILE_NAMES.map(normalised).sort(),
    );
    expect(sources.every((line) => line.endsWith('} 0'))).toBe(true);
    expect(text).toContain('{job_name="first line\\nsecond line",');
    expect(text).toContain('{job_name="quote \\" and \\\\\\" backslash \\\\",');
    expect(text).toContain('{job_name="\\"><img src=x onerror=alert(1)>",');
    for (const unsafe of ['\u001b', '\u0007', '\u009b', '\u202e'])
      expect(text).not.toContain(unsafe);
    expect(
      renderPrometheus(sessionReport({ jobs: [jobReport({ jobName: 'a\u200Fb\x1B[2J' })] })),
    ).toContain('{job_name="a\uFFFDb\uFFFD[2J",');
    const injected = sessionReport({
      jobs: [jobReport({ jobName: 'x"} 1\nvbem_report_failed_sources 99\n# TYPE a counter' })],
    });
    const injectedText = renderPrometheus(injected);
    checkExposition(injectedText);
    expect(injectedText).toContain('\nvbem_report_failed_sources 0\n');
    expect(injectedText.match(/^vbem_report_failed_sources /gm)).toHaveLength(1);
  });

  it('writes no group series: `sum by (backup_server)` of the job series gives them', () => {
    expect(renderPrometheus(groupedReport())).toBe(renderPrometheus(smallReport()));
  });

  it('takes another prefix, and refuses one that is not a metric name', () => {
    expect(renderPrometheus(smallReport(), { prefix: 'veeam_em' })).toBe(
      renderPrometheus(smallReport()).replace(/vbem_/g, 'veeam_em_'),
    );
    for (const prefix of ['', '1vbem', 'vbem-x', 'vbem{x="1"}', 'vbem\n', 'vbem:x']) {
      expect(() => renderPrometheus(smallReport(), { prefix })).toThrow(ReportError);
    }
  });
  it('keeps series unique for two jobs of one name on one server (node_exporter rejects duplicates)', () => {
    const twins = sessionReport({
      jobs: [
        jobReport({ jobName: 'Nightly', jobUid: 'urn:veeam:Job:a' }),
        jobReport({ jobName: 'Nightly', jobUid: 'urn:veeam:Job:b' }),
      ],
    });
    const samples = renderPrometheus(twins)
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.slice(0, line.lastIndexOf(' ')));
    expect(new Set(samples).size).toBe(samples.length);
  });
});
