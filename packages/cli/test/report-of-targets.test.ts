import type { EmClient } from '@vbem/client';
import type { BackupJobSession } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../src/command-context.js';
import { reportOfTargets } from '../src/report-of-targets.js';

const NOW = new Date('2026-11-20T08:00:00Z');
const HOUR = 3_600_000;

/** A session of the job "Nightly" that started `hoursAgo` before NOW and ran 30 minutes. */
const nightly = (hoursAgo: number, result: string): BackupJobSession => {
  const start = NOW.getTime() - hoursAgo * HOUR;
  return {
    Href: `https://em:9398/api/backupSessions/${hoursAgo}?format=Entity`,
    Name: `Nightly@${hoursAgo}`,
    UID: `urn:veeam:BackupJobSession:${hoursAgo}`,
    Links: [],
    JobUid: 'urn:veeam:Job:1',
    JobName: 'Nightly',
    JobType: 'Backup',
    CreationTimeUTC: new Date(start),
    EndTimeUTC: new Date(start + HOUR / 2),
    State: 'Stopped',
    Result: result,
    Progress: 100,
    IsRetry: false,
  };
};

/** A client that answers from an array, each crawl by its `since`, and records what was asked. */
function fakeClient(all: BackupJobSession[]) {
  const asked: { sessions?: Date; tasks?: Date; until?: Date } = {};
  const client = {
    jobs: { listEntities: async () => [] },
    sessions: (options: { since: Date; until: Date }) => {
      asked.sessions = options.since;
      asked.until = options.until;
      const items = all.filter(
        (s) => s.CreationTimeUTC >= options.since && s.CreationTimeUTC < options.until,
      );
      return {
        stats: { pages: 1 },
        async *pages() {
          yield { items };
        },
      };
    },
    taskSessions: (options: { since: Date }) => {
      asked.tasks = options.since;
      // As a QueryCrawl: its items (none here) and its stats.
      return Object.assign((async function* () {})(), { stats: { pages: 0, items: 0 } });
    },
  };
  return { client: client as unknown as EmClient, asked };
}

function contextFor(client: EmClient): CommandContext {
  return {
    io: { now: () => NOW, signal: new AbortController().signal } as CommandContext['io'],
    targets: async () => [],
    client: () => client,
    progress: () => ({ update: () => {}, done: () => {} }),
    verbose: () => {},
    warn: () => {},
    exitCode: 0,
  };
}

describe('reportOfTargets', () => {
  it('crawls job and task sessions from the largest RPO before the window', async () => {
    // The last success is 20 h old, before a 12 h window; the run in the window failed.
    const { client, asked } = fakeClient([
      nightly(44, 'Success'),
      nightly(20, 'Success'),
      nightly(4, 'Failed'),
    ]);
    const report = await reportOfTargets(
      contextFor(client),
      [{ name: 'em', options: { url: 'https://em:9398', username: 'u', password: 'p' } }],
      { options: { since: '12h', rpo: { default: '24h', jobs: { Other: '2d' } } }, tasks: true },
      { quiet: true },
    );
    expect(asked).toEqual({
      sessions: new Date(NOW.getTime() - 60 * HOUR),
      tasks: new Date(NOW.getTime() - 60 * HOUR),
      until: NOW,
    });
    const [job] = report.jobs;
    expect(job?.runs).toBe(1);
    expect(job?.lastSuccessAt).toBe(nightly(20, 'Success').EndTimeUTC?.toISOString());
    expect(job?.rpoBreached).toBe(false);
  });
});
