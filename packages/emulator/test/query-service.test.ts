import { describe, expect, it, vi } from 'vitest';
import type { Dataset, TaskSessionRecord } from '../src/dataset/dataset.js';
import { generateDataset } from '../src/dataset/generate-dataset.js';
import { taskSessionSource } from '../src/dataset/task-runs.js';
import { generateTaskSessions } from '../src/dataset/task-sessions.js';
import { compileFilter } from '../src/query/compile-filter.js';
import { parseFilter } from '../src/query/parse-filter.js';
import type { QueryFieldTable } from '../src/query/query-field.js';
import { QueryService } from '../src/query/query-service.js';
import { jobSessionFields, taskSessionFields } from '../src/query/query-types.js';
import { ResultCache } from '../src/query/result-cache.js';
import { resolveSortField, sortComparator } from '../src/query/sort-rows.js';
import { isReplicaRow } from '../src/representation/entity-views.js';
import * as sessionNames from '../src/representation/session-name.js';

vi.mock('../src/representation/session-name.js', async (original) => {
  const module = await original<typeof import('../src/representation/session-name.js')>();
  return { sessionName: vi.fn(module.sessionName) };
});

const NOW = new Date('2026-11-20T12:00:00Z');

/** Names that are prefixes of one another, equal but for case, or non-ASCII: what rank keys must get right. */
const TRICKY_NAMES = [
  'SQL',
  'sql',
  'SQL Backup',
  'SQL-Backup',
  'sql0',
  'SQL 0',
  'Été',
  'ete',
  'Z',
  'é',
];

/** A dataset whose job and VM names are tricky, so that sort keys are checked against strings. */
function trickyDataset(base: Dataset): Dataset {
  return {
    ...base,
    jobs: base.jobs.map((job, index) => ({
      ...job,
      name: TRICKY_NAMES[index % TRICKY_NAMES.length] as string,
      vmNames: job.vmNames.map(
        (_, vm) => TRICKY_NAMES[(index + vm * 3) % TRICKY_NAMES.length] as string,
      ),
    })),
  };
}

/** The result as EM defines it: every record, filtered, then stably sorted by comparing values. */
function referenceJobSessions(
  dataset: Dataset,
  fields: QueryFieldTable<number>,
  replica: boolean,
  sortField: string | undefined,
  descending: boolean,
  filter?: string,
): number[] {
  const matches = filter ? compileFilter(parseFilter(filter, fields)) : () => true;
  const rows: number[] = [];
  for (let row = 0; row < dataset.jobSessions.count; row++)
    if (isReplicaRow(dataset, row) === replica && matches(row)) rows.push(row);
  // Unsorted: newest first, as EM's captured lists come.
  if (sortField) rows.sort(sortComparator(resolveSortField(sortField, fields), descending));
  else rows.reverse();
  return rows;
}

function referenceTasks(
  dataset: Dataset,
  fields: QueryFieldTable<TaskSessionRecord>,
  replica: boolean,
  sortField: string | undefined,
  descending: boolean,
  filter?: string,
): string[] {
  const source = taskSessionSource(dataset);
  const matches = filter ? compileFilter(parseFilter(filter, fields)) : () => true;
  const tasks: TaskSessionRecord[] = [];
  for (let row = 0; row < dataset.jobSessions.count; row++) {
    if (isReplicaRow(dataset, row) !== replica) continue;
    for (const task of generateTaskSessions(source, row)) if (matches(task)) tasks.push(task);
  }
  // Unsorted: newest first by creation, as job sessions.
  tasks.sort(
    sortComparator(
      resolveSortField(sortField ?? 'CreationTime', fields),
      sortField === undefined ? true : descending,
    ),
  );
  return tasks.map((task) => `${task.sessionRow}/${task.vmIndex}`);
}

function taskPairs(service: QueryService, request: Parameters<QueryService['run']>[0]): string[] {
  const result = service.run(request);
  if (!('vmIndexes' in result)) throw new Error('not a task result');
  return Array.from(result.rows, (row, i) => `${row}/${result.vmIndexes[i]}`);
}

describe('QueryService: the same results as sorting whole records by their values', () => {
  const plain = generateDataset({ seed: 5, jobs: 24, days: 12, now: NOW, runningSessions: 4 });
  const datasets = { plain, tricky: trickyDataset(plain) };

  for (const [label, dataset] of Object.entries(datasets)) {
    for (const emVersion of [12, 13] as const) {
      const sessionFields = jobSessionFields(dataset, emVersion);
      const taskFields = taskSessionFields(dataset, emVersion);
      const service = new QueryService(dataset, emVersion);

      it(`sorts job sessions by every field, both ways (${label}, EM ${emVersion})`, () => {
        for (const type of ['BackupJobSession', 'ReplicaJobSession'] as const) {
          for (const field of [undefined, ...[...sessionFields.values()].map((f) => f.name)]) {
            for (const descending of [false, true]) {
              const request = { type, ...(field && { sortField: field }), descending };
              expect(Array.from(service.run(request).rows), `${type} ${field}`).toEqual(
                referenceJobSessions(
                  dataset,
                  sessionFields,
                  type === 'ReplicaJobSession',
                  field,
                  descending,
                ),
              );
            }
          }
        }
      });

      it(`sorts task sessions by every field, both ways (${label}, EM ${emVersion})`, () => {
        for (const type of ['BackupTaskSession', 'ReplicaTaskSession'] as const) {
          for (const field of [undefined, ...[...taskFields.values()].map((f) => f.name)]) {
            for (const descending of [false, true]) {
              const request = { type, ...(field && { sortField: field }), descending };
              expect(taskPairs(service, request), `${type} ${field}`).toEqual(
                referenceTasks(
                  dataset,
                  taskFields,
                  type === 'ReplicaTaskSession',
                  field,
                  descending,
                ),
              );
            }
          }
        }
      });
    }
  }

  it('filters task sessions on generated fields exactly as on records', () => {
    const dataset = plain;
    const fields = taskSessionFields(dataset, 13);
    const service = new QueryService(dataset, 13);
    for (const filter of [
      'Result>Success',
      'State!=Completed,EndTime>="2026-11-19T00:00:00Z"',
      'Reason!="";TotalSize>100000000000',
      `CreationTime>="2026-11-15T00:00:00Z";CreationTime<"2026-11-17T00:00:00Z"`,
    ]) {
      expect(
        taskPairs(service, { type: 'BackupTaskSession', filter, sortField: 'Reason' }),
        filter,
      ).toEqual(referenceTasks(dataset, fields, false, 'Reason', false, filter));
    }
  });
});

describe('QueryService: cost', () => {
  const dataset = generateDataset({ seed: 3, jobs: 40, days: 30, now: NOW });

  it('scans task sessions without building a record per task, and sorts names without building them', () => {
    const built = vi.fn(dataset.taskSessionsOf);
    const service = new QueryService({ ...dataset, taskSessionsOf: built }, 13);
    const named = vi.mocked(sessionNames.sessionName);
    named.mockClear();
    const result = service.run({ type: 'BackupTaskSession', sortField: 'Name', descending: true });
    expect(result.rows.length).toBeGreaterThan(3000);
    expect(built).not.toHaveBeenCalled();
    expect(named).not.toHaveBeenCalled();
    service.run({ type: 'BackupJobSession', sortField: 'Name' });
    expect(named).not.toHaveBeenCalled();
  });

  it('keeps results as typed arrays of rows: 6 bytes a task session', () => {
    const service = new QueryService(dataset, 13);
    const result = service.run({ type: 'BackupTaskSession' });
    expect(result.rows).toBeInstanceOf(Uint32Array);
    expect('vmIndexes' in result && result.vmIndexes).toBeInstanceOf(Uint16Array);
    expect(service.cachedBytes).toBeLessThan(result.rows.length * 6 + 1000);
  });
});

describe('ResultCache: bounded by bytes, not by entries', () => {
  const cache = () => new ResultCache<Uint8Array>(10_000, (value) => value.byteLength);

  it('drops the least recently used values until the new one fits', () => {
    const results = cache();
    results.set('a', new Uint8Array(4000));
    results.set('b', new Uint8Array(4000));
    results.get('a');
    results.set('c', new Uint8Array(4000));
    expect(results.get('b')).toBeUndefined();
    expect(results.get('a')).toBeDefined();
    expect(results.get('c')).toBeDefined();
    expect(results.bytes).toBeLessThanOrEqual(10_000);
  });

  it('keeps many small values, and no value larger than the budget', () => {
    const results = cache();
    for (let i = 0; i < 50; i++) results.set(`k${i}`, new Uint8Array(10));
    expect(results.get('k0')).toBeDefined();
    results.set('huge', new Uint8Array(20_000));
    expect(results.get('huge')).toBeUndefined();
    expect(results.get('k49')).toBeDefined();
  });

  it('replaces a value under the same key and counts it once', () => {
    const results = cache();
    results.set('a', new Uint8Array(4000));
    results.set('a', new Uint8Array(1000));
    expect(results.bytes).toBe(1000 + 2 + 64);
  });
});
