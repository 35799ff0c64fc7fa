import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../src/index.js';
import { QueryService } from '../src/query/query-service.js';
import { emulatorForTest, get, logOn, NOW } from './emulator-harness.js';

const DAY = 24 * 60 * 60 * 1000;
const COPY_JOBS = ['BackupCopy', 'ImmediateBackupCopy'];

describe("a job's NextRun follows the emulator's clock, not the dataset's end", () => {
  it('is the next scheduled run after the clock, in entities, queries and cached query results', async () => {
    let clock = NOW;
    // The logon session outlives the clock's jump.
    const emulator = await emulatorForTest({ now: () => clock, idleTimeoutMs: 10 * DAY });
    const token = await logOn(emulator);
    const { dataset } = emulator;
    const scheduled = dataset.jobs.filter(
      (job) => job.scheduleEnabled && !COPY_JOBS.includes(job.jobType),
    );
    expect(scheduled.length).toBeGreaterThan(0);
    const nextRuns = async () => {
      const response = await get(emulator, 'query?type=Job&format=Entities', token);
      const jobs = decode(await response.text(), { root: 'QueryResult' }).value.Entities?.Jobs
        ?.Jobs;
      return (jobs ?? []).flatMap((job) => (job.NextRun ? [job.NextRun.getTime()] : []));
    };
    const ids = async (path: string) =>
      decode(await (await get(emulator, path, token)).text(), {
        root: 'QueryResult',
      }).value.Refs?.Refs.map((ref) => ref.UID.split(':')[3]);
    // Daily jobs: at NOW, none runs more than a day later; the same query is asked again below.
    const dayAfter = `query?type=Job&filter=NextRun>"${new Date(NOW.getTime() + DAY).toISOString()}"`;
    expect(await ids(dayAfter)).toEqual([]);
    expect(await nextRuns()).toHaveLength(scheduled.length);

    clock = new Date(NOW.getTime() + 2 * DAY);
    const moved = await nextRuns();
    expect(moved).toHaveLength(scheduled.length);
    for (const nextRun of moved) {
      expect(nextRun).toBeGreaterThan(clock.getTime());
      expect(nextRun).toBeLessThanOrEqual(clock.getTime() + DAY);
    }
    const job = scheduled[0];
    const entity = decode(
      await (await get(emulator, `jobs/${job?.id}?format=Entity`, token)).text(),
      { root: 'Job' },
    ).value;
    expect(entity.NextRun?.getTime()).toBeGreaterThan(clock.getTime());
    // The result cached at NOW does not answer for the moved clock.
    expect(await ids(dayAfter)).toHaveLength(scheduled.length);
    expect(await ids(`${dayAfter}&sortAsc=NextRun`)).toHaveLength(scheduled.length);
  });

  it("a QueryService reads NextRun at its clock, by default the dataset's end", () => {
    const dataset = generateDataset({ seed: 3, jobs: 6, days: 2, now: NOW });
    let clock = NOW;
    const service = new QueryService(dataset, 13, undefined, () => clock);
    const filter = `NextRun>"${new Date(NOW.getTime() + DAY).toISOString()}"`;
    expect(service.run({ type: 'Job', filter }).rows).toHaveLength(0);
    clock = new Date(NOW.getTime() + 2 * DAY);
    expect(service.run({ type: 'Job', filter }).rows.length).toBeGreaterThan(0);
    const fixed = new QueryService(dataset, 13);
    expect(fixed.run({ type: 'Job', filter }).rows).toHaveLength(0);
  });

  it('re-evaluates a Job query at a new clock reading when it compares or sorts by NextRun, named in any case, and only then', () => {
    const dataset = generateDataset({ seed: 3, jobs: 6, days: 2, now: NOW });
    let clock = NOW;
    const service = new QueryService(dataset, 13, undefined, () => clock);
    const dayAfter = new Date(NOW.getTime() + DAY).toISOString();
    const requests = {
      quotesTheWord: { type: 'Job', filter: 'Name=="nextrun job",Description=="NextRun"' },
      sortsByName: { type: 'Job', sortField: 'Name' },
      filters: { type: 'Job', filter: `(NEXTRUN>"${dayAfter}")` },
      filtersInAnOr: { type: 'Job', filter: `Name=="x",nextRun>"${dayAfter}"` },
      sorts: { type: 'Job', sortField: 'nExTrUn', descending: true },
    } as const;
    const first = Object.fromEntries(
      Object.entries(requests).map(([label, request]) => [label, service.run(request)]),
    );
    expect(first.filters?.rows).toHaveLength(0);
    clock = new Date(NOW.getTime() + 2 * DAY);
    // A result that does not read NextRun is the one cached: the clock changes nothing in it.
    expect(service.run(requests.quotesTheWord)).toBe(first.quotesTheWord);
    expect(service.run(requests.sortsByName)).toBe(first.sortsByName);
    for (const label of ['filters', 'filtersInAnOr', 'sorts'] as const)
      expect(service.run(requests[label]), label).not.toBe(first[label]);
    expect(service.run(requests.filters).rows.length).toBeGreaterThan(0);
    expect(service.run(requests.filtersInAnOr).rows.length).toBeGreaterThan(0);
  });
});
