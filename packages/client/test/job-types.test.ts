import {
  ClientOptionsError,
  FilterError,
  HttpError,
  type JobSession,
  type SessionsOptions,
  sessionFamilyOf,
} from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { JobType } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import { clientOf, DATASET_NOW, recordingFetch, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator(
  (running) => {
    em = running;
  },
  { dataset: { jobs: 30, days: 40, sessionsPerDay: 2 } },
);

const now = () => DATASET_NOW;

/** The query types and filters of the requests made, in order. */
const queriesOf = (requests: readonly { url: string }[]) =>
  requests
    .filter((request) => request.url.includes('/api/query'))
    .map((request) => {
      const params = new URL(request.url).searchParams;
      return { type: params.get('type'), filter: params.get('filter') ?? '' };
    });

const uidsOf = (sessions: readonly JobSession[]) => sessions.map((session) => session.UID);

describe('sessions({ jobTypes })', () => {
  it('returns what a filter of every session would keep, filtered by EM, fetching fewer', async () => {
    const client = clientOf(em);
    const everyCrawl = client.sessions({ since: '30d', now });
    const every = await everyCrawl.toArray();
    const recorded = recordingFetch();
    const filtering = clientOf(em, { fetch: recorded.fetch });
    const crawl = filtering.sessions({ since: '30d', now, jobTypes: ['BackupCopy', 'NasBackup'] });
    const kept = await crawl.toArray();

    const expected = every.filter((s) => s.JobType === 'BackupCopy' || s.JobType === 'NasBackup');
    // The dataset has both, and other job types, or this would prove nothing.
    expect(new Set(expected.map((s) => s.JobType))).toEqual(new Set(['BackupCopy', 'NasBackup']));
    expect(expected.length).toBeLessThan(every.length / 2);
    expect(uidsOf(kept)).toEqual(uidsOf(expected));
    // Only the rows kept came over the wire, and only the backup family was asked.
    expect(crawl.stats.items).toBe(expected.length);
    expect(everyCrawl.stats.items).toBe(every.length);
    const queries = queriesOf(recorded.requests);
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      expect(query.type).toBe('BackupJobSession');
      expect(query.filter).toMatch(/;\(JobType==BackupCopy,JobType==NasBackup\)$/);
    }
    await client.close();
    await filtering.close();
  });

  it('is ANDed with result and job names, as they are with each other', async () => {
    const client = clientOf(em);
    const every = await client.sessions({ since: '30d', now }).toArray();
    const copy = every.find((s) => s.JobType === 'BackupCopy');
    const backup = every.find((s) => s.JobType === 'Backup');
    expect(copy && backup).toBeDefined();
    const jobName = [copy?.JobName ?? '', backup?.JobName ?? ''];
    const recorded = recordingFetch();
    const filtering = clientOf(em, { fetch: recorded.fetch });
    const kept = await filtering
      .sessions({
        since: '30d',
        now,
        jobTypes: ['BackupCopy', 'Replica'],
        jobName,
        result: ['Success', 'Warning'],
      })
      .toArray();
    const expected = every.filter(
      (s) =>
        (s.JobType === 'BackupCopy' || s.JobType === 'Replica') &&
        jobName.includes(s.JobName) &&
        (s.Result === 'Success' || s.Result === 'Warning'),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(uidsOf(kept)).toEqual(uidsOf(expected));
    const [first] = queriesOf(recorded.requests);
    expect(first?.filter).toMatch(
      /^CreationTime>="[^"]+";CreationTime<"[^"]+";\(JobType==BackupCopy,JobType==Replica\);\(Result==Success,Result==Warning\);\(JobName=="[^"]+",JobName=="[^"]+"\)$/,
    );
    await client.close();
    await filtering.close();
  });

  it('asks only the families that can hold the job types, unless types names them', async () => {
    const familiesAsked = async (options: SessionsOptions) => {
      const recorded = recordingFetch();
      const client = clientOf(em, { fetch: recorded.fetch });
      await client.sessions({ since: '2d', now, ...options }).toArray();
      await client.close();
      return [...new Set(queriesOf(recorded.requests).map((query) => query.type))].sort();
    };
    expect(await familiesAsked({ jobTypes: ['Replica'] })).toEqual(['ReplicaJobSession']);
    expect(await familiesAsked({ jobTypes: ['AgentBackup', 'ImmediateBackupCopy'] })).toEqual([
      'BackupJobSession',
    ]);
    expect(await familiesAsked({ jobTypes: ['Replica', 'Backup'] })).toEqual([
      'BackupJobSession',
      'ReplicaJobSession',
    ]);
    // Neither family holds restore sessions: asked anyway, EM finds none.
    expect(await familiesAsked({ jobTypes: ['RestoreVm'] })).toEqual([
      'BackupJobSession',
      'ReplicaJobSession',
    ]);
    expect(await familiesAsked({ jobTypes: ['Replica'], types: ['Backup', 'Replica'] })).toEqual([
      'BackupJobSession',
      'ReplicaJobSession',
    ]);
    // EM compares enum values in any case.
    expect(await familiesAsked({ jobTypes: ['backupcopy'] })).toEqual(['BackupJobSession']);
    // An empty list, like none, filters nothing.
    expect(await familiesAsked({ jobTypes: [] })).toEqual([
      'BackupJobSession',
      'ReplicaJobSession',
    ]);
  });

  it('sends a job type it does not know, in both families, for EM to judge', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch, retry: { limit: 0 } });
    // A newer EM's job type would be listed; the emulator, like an EM that does not know it, refuses it.
    const failure = await client
      .sessions({ since: '2d', now, jobTypes: ['FutureBackup'] })
      .toArray()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpError);
    expect((failure as HttpError).status).toBe(400);
    const queries = queriesOf(recorded.requests);
    expect(queries.map((query) => query.filter)).toEqual(
      queries.map(() => expect.stringMatching(/;JobType==FutureBackup$/)),
    );
    expect(new Set(queries.map((query) => query.type))).toEqual(
      new Set(['BackupJobSession', 'ReplicaJobSession']),
    );
    await client.close();
  });

  it('refuses what is not a list of job types, before anything is sent', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    const cases: [unknown, string][] = [
      [null, 'jobTypes must list job types such as BackupCopy, got null'],
      ['BackupCopy', 'jobTypes must list job types such as BackupCopy, got "BackupCopy"'],
      [{ 0: 'Backup' }, 'jobTypes must list job types such as BackupCopy, got an object'],
      [['Backup', ''], 'jobTypes[1] must be a job type such as BackupCopy, got ""'],
      [[null], 'jobTypes[0] must be a job type such as BackupCopy, got null'],
      [[JobType.Backup, 5], 'jobTypes[1] must be a job type such as BackupCopy, got 5'],
    ];
    for (const [jobTypes, message] of cases) {
      expect(() => client.sessions({ jobTypes: jobTypes as never }), message).toThrow(
        new ClientOptionsError(message),
      );
    }
    // Not an enum name: the filter's own refusal, naming the field.
    expect(() => client.sessions({ jobTypes: ['Backup Copy'] })).toThrow(FilterError);
    expect(() => client.sessions({ jobTypes: ['Backup Copy'] })).toThrow(/for JobType/);
    // Task sessions have no JobType in EM's query service.
    expect(() => client.taskSessions({ jobTypes: ['Backup'] } as never)).toThrow(
      new ClientOptionsError(
        "jobTypes filters job sessions: EM's task sessions have no JobType to filter on; give it to sessions()",
      ),
    );
    expect(recorded.requests).toEqual([]);
    await client.close();
  });
});

describe('sessionFamilyOf', () => {
  it('names the family whose sessions carry a job type, in any case; none for restores and unknown types', () => {
    expect(sessionFamilyOf('Replica')).toBe('Replica');
    for (const type of [
      'Backup',
      'BackupCopy',
      'ImmediateBackupCopy',
      'ImmediateBackupCopyWorker',
      'AgentBackup',
      'AgentManagement',
      'NasBackup',
    ]) {
      expect(sessionFamilyOf(type), type).toBe('Backup');
    }
    expect(sessionFamilyOf('backupCOPY')).toBe('Backup');
    expect(sessionFamilyOf('REPLICA')).toBe('Replica');
    for (const type of ['FileLevelRestore', 'restorevm', 'FutureBackup', '']) {
      expect(sessionFamilyOf(type), type).toBeUndefined();
    }
  });
});
