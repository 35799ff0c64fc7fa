import { buildReport } from '@vbem/reporting';
import { describe, expect, it } from 'vitest';
import { assessCheck } from '../src/check/assess-check.js';
import { emFailuresAfter } from '../src/check/em-failures-text.js';

const NOW = new Date('2026-11-25T12:00:00Z');

/** A check of the last 24 h against an RPO of 24 h, strict, no failure allowed. */
const DAILY_RULES = {
  maxFailed: 0,
  policy: 'strict',
  since: '24h',
  rpo: '24h',
  rpoSeconds: 86_400,
  jobNames: [],
  sources: 1,
} as const;

describe('assessCheck', () => {
  it('judges 200,000 jobs: the oldest success age is found without one argument per job', async () => {
    const jobs = 200_000;
    const sessions = Array.from({ length: jobs }, (_, index) => ({
      UID: `urn:veeam:BackupJobSession:${index}`,
      JobUid: `urn:veeam:Job:${index}`,
      JobName: `Job ${index}`,
      JobType: 'Backup',
      CreationTimeUTC: new Date(NOW.getTime() - 3_600_000 - index),
      EndTimeUTC: new Date(NOW.getTime() - 1_800_000 - index),
      State: 'Stopped',
      Result: 'Success',
      IsRetry: false,
      Links: [],
    }));
    const report = await buildReport({ sessions }, { now: NOW, since: '24h', rpo: '24h' });
    const outcome = assessCheck(report, DAILY_RULES);
    expect(outcome.state).toBe('OK');
    const oldest = outcome.perfdata.find((datum) => datum.label === 'oldest_success_age');
    expect(oldest?.value).toBe(Math.round((1_800_000 + jobs - 1) / 1000));
  });

  it("names each failed EM with its own error, with or without a time limit's cut", async () => {
    const report = await buildReport(
      {
        sessions: [],
        failedSources: [
          { name: 'alpha', error: 'logon refused (401)' },
          { name: 'beta', error: 'not done within --time-limit 35s' },
        ],
      },
      { now: NOW, since: '24h', rpo: '24h' },
    );
    const rules = { ...DAILY_RULES, sources: 3 };
    expect(assessCheck(report, rules).summary).toBe(
      '2 of 3 EMs failed, 0 jobs ok on the others: EM alpha: logon refused (401); EM beta: not done within --time-limit 35s',
    );
    const failed = { name: 'alpha', error: 'logon refused (401)', how: 'failed' } as const;
    const cut = { name: 'beta', error: 'not done within --time-limit 35s', how: 'cut' } as const;
    expect(assessCheck(report, { ...rules, emFailures: [failed, cut] }).summary).toBe(
      '2 of 3 EMs failed, 0 jobs ok on the others: EM alpha: logon refused (401); EM beta not done within --time-limit 35s',
    );
    // A --job on no EM that answered: the failed EMs are named with their errors too.
    expect(
      assessCheck(report, { ...rules, jobNames: ['Nightly'], emFailures: [failed, cut] }).summary,
    ).toBe(
      'no job named "Nightly" (2 of 3 EMs failed: EM alpha: logon refused (401); EM beta not done within --time-limit 35s)',
    );
  });

  it('EMs cut with the same line go together; one cut with a last error of its own stands apart', () => {
    const cut = (name: string, error: string) => ({ name, error, how: 'cut' }) as const;
    const limit = 'not done within --time-limit 35s';
    const refused = `${limit} (last error: connect ECONNREFUSED 10.0.0.2:9398 (ECONNREFUSED))`;
    expect(
      emFailuresAfter('no EM done: ', [
        cut('alpha', limit),
        cut('beta', refused),
        cut('gamma', limit),
      ]),
    ).toBe(`no EM done: EMs alpha, gamma ${limit}; EM beta ${refused}`);
  });

  it('many failed EMs with long errors: the count first, then as many as fit, and how many more', async () => {
    const long = (name: string) =>
      `GET https://${name}.backup.example.corp:9398/api/ failed: connect ETIMEDOUT after 30 s on every address of ${name}`;
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const report = await buildReport(
      { sessions: [], failedSources: names.map((name) => ({ name, error: long(name) })) },
      { now: NOW, since: '24h', rpo: '24h' },
    );
    const emFailures = names.map((name) => ({ name, error: long(name), how: 'failed' as const }));
    const summary = assessCheck(report, { ...DAILY_RULES, sources: 9, emFailures }).summary;
    expect(summary).toMatch(/^8 of 9 EMs failed, 0 jobs ok on the others: EM alpha: GET /);
    expect(summary).toMatch(/ and \d more$/);
    const shown = names.filter((name) => summary.includes(`EM ${name}: `)).length;
    expect(summary.endsWith(` and ${names.length - shown} more`)).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(400);
  });

  it('names jobs of one name on two backup servers by their server', async () => {
    const session = (server: string, result: 'Success' | 'Failed') => ({
      UID: `urn:veeam:BackupJobSession:${server}`,
      JobUid: `urn:veeam:Job:${server}`,
      JobName: 'SQL Backup',
      JobType: 'Backup',
      CreationTimeUTC: new Date(NOW.getTime() - 3_600_000),
      EndTimeUTC: new Date(NOW.getTime() - 1_800_000),
      State: 'Stopped',
      Result: result,
      IsRetry: false,
      Links: [
        { Rel: 'Up', Type: 'BackupServerReference', Href: `https://em/${server}`, Name: server },
      ],
    });
    const report = await buildReport(
      { sessions: [session('vbr01', 'Success'), session('vbr02', 'Failed')] },
      { now: NOW, since: '24h', rpo: '24h' },
    );
    const outcome = assessCheck(report, DAILY_RULES);
    expect(outcome.summary).toMatch(/^1 of 2 jobs critical: SQL Backup \(vbr02\) \(/);
    expect(outcome.verdicts.map((verdict) => verdict.name).sort()).toEqual([
      'SQL Backup (vbr01)',
      'SQL Backup (vbr02)',
    ]);
  });

  it('holds a scheduled job that stopped running to the RPO: CRITICAL once its last success is too old', async () => {
    const session = (job: string, hoursAgo: number) => ({
      UID: `urn:veeam:BackupJobSession:${job}-${hoursAgo}`,
      JobUid: `urn:veeam:Job:${job}`,
      JobName: job,
      JobType: 'Backup',
      CreationTimeUTC: new Date(NOW.getTime() - hoursAgo * 3_600_000),
      EndTimeUTC: new Date(NOW.getTime() - hoursAgo * 3_600_000 + 600_000),
      State: 'Stopped',
      Result: 'Success',
      IsRetry: false,
      Links: [],
    });
    const job = (name: string) => ({
      UID: `urn:veeam:Job:${name}`,
      Name: name,
      ScheduleEnabled: true,
    });
    const rules = (rpo: string, rpoSeconds: number) => ({
      maxFailed: 0,
      policy: 'strict' as const,
      since: '12h',
      rpo,
      rpoSeconds,
      jobNames: [],
      sources: 1,
    });
    // Stopped 30 h ago; Never has no session at all in the window and the RPO before it.
    const input = () => ({
      sessions: [session('Stopped', 30), session('Recent', 1)],
      jobs: [job('Stopped'), job('Recent'), job('Never')],
    });
    const strict = assessCheck(
      await buildReport(input(), { now: NOW, since: '12h', rpo: '12h' }),
      rules('12h', 43_200),
    );
    expect(strict.state).toBe('CRITICAL');
    expect(
      strict.verdicts.map((verdict) => [verdict.name, verdict.level, verdict.reasons]),
    ).toEqual([
      ['Never', 'critical', ['no success seen', 'no run in 12h']],
      ['Stopped', 'critical', ['no success for 1d 5h', 'no run in 12h']],
      ['Recent', 'ok', []],
    ]);
    expect(strict.perfdata.find((datum) => datum.label === 'oldest_success_age')?.value).toBeNull();

    // Within a 2-day RPO, a day without a run is only missed.
    const lenient = assessCheck(
      await buildReport(
        { ...input(), jobs: [job('Stopped'), job('Recent')] },
        { now: NOW, since: '12h', rpo: '2d' },
      ),
      rules('2d', 172_800),
    );
    expect(lenient.state).toBe('WARNING');
    expect(lenient.verdicts[0]).toEqual({
      name: 'Stopped',
      level: 'warning',
      reasons: ['no run in 12h'],
    });
    expect(lenient.perfdata.find((datum) => datum.label === 'oldest_success_age')?.value).toBe(
      107_400,
    );
  });
});
