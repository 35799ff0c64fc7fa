import { buildReport } from '@vbem/reporting';
import { describe, expect, it } from 'vitest';
import { assessCheck } from '../src/check/assess-check.js';

const NOW = new Date('2026-11-25T12:00:00Z');

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
    const outcome = assessCheck(report, {
      maxFailed: 0,
      policy: 'strict',
      since: '24h',
      rpo: '24h',
      rpoSeconds: 86_400,
      jobNames: [],
      sources: 1,
    });
    expect(outcome.state).toBe('OK');
    const oldest = outcome.perfdata.find((datum) => datum.label === 'oldest_success_age');
    expect(oldest?.value).toBe(Math.round((1_800_000 + jobs - 1) / 1000));
  });
});
