import { readFileSync } from 'node:fs';
import { fromJson, type JobType } from '@vbem/model';
import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import type { DatasetOptions, JobRecord, RunningEmulator } from '../src/index.js';
import { emulatorForTest, get, logOn, NOW } from './emulator-harness.js';
import { xmlStructure } from './xml-structure.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const documented = (file: string) =>
  readFileSync(new URL(`../../../schemas/fixtures/em-docs/${file}`, import.meta.url), 'utf8');

// 10 jobs over 2 servers: every job type, and each copy job shares its server with a Backup job.
const MIXED: DatasetOptions = { jobs: 10, servers: 2 };
// One job per server: copy jobs have no Backup job to link.
const ONE_JOB_PER_SERVER: DatasetOptions = { jobs: 8, servers: 8 };

/** The first job of a type, and whether its server also runs a Backup job. */
function firstJob(emulator: RunningEmulator, jobType: JobType) {
  const { jobs } = emulator.dataset;
  const index = jobs.findIndex((job) => job.jobType === jobType);
  const job = jobs[index] as JobRecord;
  expect(job, `a ${jobType} job`).toBeDefined();
  const serverHasBackupJob = jobs.some(
    (other) => other.jobType === 'Backup' && other.serverIndex === job.serverIndex,
  );
  return { index, job, serverHasBackupJob };
}

async function started(dataset: DatasetOptions) {
  const emulator = await emulatorForTest({ dataset });
  return { emulator, token: await logOn(emulator) };
}

async function entityXml(emulator: RunningEmulator, token: string, job: JobRecord) {
  const response = await get(emulator, `jobs/${job.id}?format=Entity`, token);
  expect(response.status).toBe(200);
  return response.text();
}

async function entityJson(emulator: RunningEmulator, token: string, job: JobRecord) {
  const response = await get(emulator, `jobs/${job.id}?format=Entity`, token, 'application/json');
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as unknown;
}

function expectDocumentedStructure(xml: string, fixture: string) {
  const expected = xmlStructure(documented(fixture));
  const actual = xmlStructure(xml);
  expect(actual.elements).toEqual(expected.elements);
  expect(actual.links).toEqual(expected.links);
}

describe('contract: GET /jobs/{id}?format=Entity has the documented structure per job type', () => {
  it('a Backup job matches get-job-entity-backup.xml', async () => {
    const { emulator, token } = await started(MIXED);
    const { job } = firstJob(emulator, 'Backup');
    expectDocumentedStructure(await entityXml(emulator, token, job), 'get-job-entity-backup.xml');
  });

  it.each(['ImmediateBackupCopy', 'BackupCopy'] as const)(
    '%s job linked to a Backup job matches get-job-entity-immediate-copy.xml',
    async (jobType) => {
      const { emulator, token } = await started(MIXED);
      const { job, serverHasBackupJob } = firstJob(emulator, jobType);
      expect(serverHasBackupJob).toBe(true);
      const xml = await entityXml(emulator, token, job);
      expectDocumentedStructure(xml, 'get-job-entity-immediate-copy.xml');

      const info = decode(xml, { root: 'Job' }).value.JobInfo?.ImmediateBackupCopyJobInfo;
      const linkedUid = info?.LinkedJobIncludes?.LinkedJobObject[0]?.LinkedJobUid;
      const linked = emulator.dataset.jobs.find(
        (other) => `urn:veeam:Job:${other.id}` === linkedUid,
      );
      expect(linked).toMatchObject({ jobType: 'Backup', serverIndex: job.serverIndex });
    },
  );

  it('a copy job on a server without Backup jobs matches get-job-entity-periodic-copy.xml', async () => {
    const { emulator, token } = await started(ONE_JOB_PER_SERVER);
    const { job, serverHasBackupJob } = firstJob(emulator, 'ImmediateBackupCopy');
    expect(serverHasBackupJob).toBe(false);
    const xml = await entityXml(emulator, token, job);
    expectDocumentedStructure(xml, 'get-job-entity-periodic-copy.xml');
    const info = decode(xml, { root: 'Job' }).value.JobInfo?.ImmediateBackupCopyJobInfo;
    expect(
      info?.LinkedBackupRepositoryIncludes?.LinkedBackupRepository[0]?.LinkedBackupRepositoryUid,
    ).toMatch(/^urn:veeam:Repository:[0-9a-f-]{36}$/);
  });
});

describe('emulator: job entities', () => {
  it.each(['Backup', 'ImmediateBackupCopy'] as const)(
    'the %s job entity decodes without warnings; its EM 12 and 13 JSON equal its XML',
    async (jobType) => {
      for (const emVersion of [12, 13] as const) {
        const emulator = await emulatorForTest({ emVersion, dataset: MIXED });
        const token = await logOn(emulator);
        const { job } = firstJob(emulator, jobType);
        const xml = decode(await entityXml(emulator, token, job), { root: 'Job' });
        expect(xml.warnings).toEqual([]);
        const json = fromJson('Job', await entityJson(emulator, token, job));
        expect(json.warnings).toEqual([]);
        expect(json.value).toEqual(xml.value);
      }
    },
  );

  it('schedules a Backup job daily at its start minute, next after the clock now', async () => {
    const { emulator, token } = await started(MIXED);
    const { job } = firstJob(emulator, 'Backup');
    const entity = decode(await entityXml(emulator, token, job), { root: 'Job' }).value;
    expect(entity.ScheduleEnabled).toBe(true);
    const nextRun = entity.NextRun as Date;
    expect(nextRun.getTime()).toBeGreaterThan(NOW.getTime());
    expect(nextRun.getTime()).toBeLessThanOrEqual(NOW.getTime() + DAY_MS);
    expect(nextRun.getUTCHours() * 60 + nextRun.getUTCMinutes()).toBe(job.startMinute);
    const daily = entity.JobScheduleOptions?.Standart?.OptionsDaily;
    expect(daily?.Enabled).toBe(true);
    expect(daily?.Days).toHaveLength(7);
    const hh = String(Math.floor(job.startMinute / 60)).padStart(2, '0');
    const mm = String(job.startMinute % 60).padStart(2, '0');
    expect(daily?.Time).toBe(`${hh}:${mm}:00.0000000+00:00`);
    expect(entity.JobScheduleOptions?.Standart?.OptionsPeriodically?.Enabled).toBe(false);
  });

  it('schedules a job that runs twice a day periodically, every 12 hours', async () => {
    const { emulator, token } = await started({ ...MIXED, sessionsPerDay: 2 });
    const { job } = firstJob(emulator, 'Backup');
    const entity = decode(await entityXml(emulator, token, job), { root: 'Job' }).value;
    const schedule = entity.JobScheduleOptions?.Standart;
    expect(schedule?.OptionsDaily?.Enabled).toBe(false);
    expect(schedule?.OptionsPeriodically).toMatchObject({
      Enabled: true,
      Kind: 'Hours',
      FullPeriod: 12,
    });
    const untilNextRun = (entity.NextRun as Date).getTime() - NOW.getTime();
    expect(untilNextRun).toBeGreaterThan(0);
    expect(untilNextRun).toBeLessThanOrEqual(12 * HOUR_MS);
    expect(((entity.NextRun as Date).getTime() / 60_000 - job.startMinute) % (12 * 60)).toBe(0);
  });

  it('omits the next run of a job whose schedule has no start left before the year 10000', async () => {
    const late = new Date('9999-12-31T23:00:00Z');
    const emulator = await emulatorForTest({
      now: () => late,
      dataset: { ...MIXED, now: late, days: 2 },
    });
    const token = await logOn(emulator);
    const response = await get(emulator, 'query?type=Job&format=Entities', token);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const jobs = decode(text, { root: 'QueryResult' }).value.Entities?.Jobs?.Jobs ?? [];
    expect(jobs).toHaveLength(MIXED.jobs as number);
    const { dataset } = emulator;
    for (const entity of jobs) {
      const job = dataset.jobs.find((record) => entity.UID === `urn:veeam:Job:${record.id}`);
      const wouldRunAt = Date.UTC(9999, 11, 31) + (job?.startMinute ?? 0) * 60_000;
      if (job?.jobType === 'BackupCopy' || job?.jobType === 'ImmediateBackupCopy') continue;
      expect(entity.NextRun).toEqual(
        wouldRunAt > late.getTime() ? new Date(wouldRunAt) : undefined,
      );
    }
    // A job without a next run matches only `!=`, as for any field without a value.
    const withNextRun = await get(emulator, 'query?type=Job&filter=NextRun>"9999-01-01"', token);
    expect(withNextRun.status).toBe(200);
  });

  it('includes every VM of the job, with the VmUid its task sessions carry', async () => {
    const { emulator, token } = await started(MIXED);
    const { dataset } = emulator;
    const table = dataset.jobSessions;
    for (const jobType of ['Backup', 'Replica', 'AgentBackup'] as const) {
      const { index, job } = firstJob(emulator, jobType);
      const entity = decode(await entityXml(emulator, token, job), { root: 'Job' }).value;
      const info = entity.JobInfo?.BackupJobInfo ?? entity.JobInfo?.ReplicaJobInfo;
      expect(info, jobType).toBeDefined();
      const objects = info?.Includes?.ObjectsInJob ?? [];
      expect(objects.map((object) => object.Name)).toEqual(job.vmNames);
      expect(new Set(objects.map((object) => object.ObjectInJobId)).size).toBe(job.vmNames.length);
      let row = table.count - 1;
      while (table.jobIndex[row] !== index) row--;
      expect(objects.map((object) => object.HierarchyObjRef)).toEqual(
        dataset.taskSessionsOf(row).map((task) => task.vmUid),
      );
    }
  });

  it('lists every job as an entity that decodes without warnings, the same on every start', async () => {
    const first = await started(MIXED);
    const second = await started(MIXED);
    const list = async ({ emulator, token }: typeof first) =>
      (await (await get(emulator, 'jobs?format=Entity', token)).text()).replaceAll(
        emulator.url,
        '',
      );
    const xml = await list(first);
    expect(await list(second)).toBe(xml);
    const { value, warnings } = decode(xml, { root: 'Jobs' });
    expect(warnings).toEqual([]);
    expect(value.Jobs.map((job) => job.JobType)).toEqual(
      first.emulator.dataset.jobs.map((job) => job.jobType),
    );
    expect(
      value.Jobs.find((job) => job.JobType === 'Replica')?.JobInfo?.ReplicaJobInfo,
    ).toBeDefined();
  });
});
