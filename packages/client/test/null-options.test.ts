import { ClientOptionsError, QUERY_FIELDS, where } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it } from 'vitest';
import { clientOf, DATASET_NOW, recordingFetch, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

const now = () => DATASET_NOW;
const jobFields = QUERY_FIELDS.Job.join(', ');

// A JavaScript caller's null (a config value read as null) is a mistake, not "not given": only
// undefined is. Each option refuses it as any other value of the wrong type, naming it.
describe('an option given as null', () => {
  it('is refused by createClient, as tls: null is', () => {
    expect(() => clientOf(em, { format: null as never })).toThrow(
      new ClientOptionsError("format must be 'xml' or 'json', got null"),
    );
  });

  it('is refused by query(), before anything is sent, and a filter of another type too', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    const cases: [Record<string, unknown>, string][] = [
      [{ format: null }, "format must be 'entities' or 'references', got null"],
      [{ sortAsc: null }, `sortAsc must be a field of Job (${jobFields}), got null`],
      [{ sortDesc: null }, `sortDesc must be a field of Job (${jobFields}), got null`],
      [{ sortAsc: 5 }, `sortAsc must be a field of Job (${jobFields}), got 5`],
      // Any string was taken, and EM refused it with a 400 after the logon.
      [{ sortAsc: 'Bogus' }, `sortAsc must be a field of Job (${jobFields}), got "Bogus"`],
      [
        { sortDesc: 'nmae' },
        `sortDesc must be a field of Job (${jobFields}), got "nmae" (did you mean Name?)`,
      ],
      [{ sortAsc: '' }, `sortAsc must be a field of Job (${jobFields}), got ""`],
      [{ pageSize: null }, 'pageSize must be an integer from 1 to 100000, got null'],
      [{ concurrency: null }, 'concurrency must be an integer >= 1, got null'],
      // Sent as String(filter), null was the filter text "null": EM's "unknown field null".
      [{ filter: null }, 'filter must be a string or a Filter (from where or anyOf), got null'],
      [{ filter: 5 }, 'filter must be a string or a Filter (from where or anyOf), got 5'],
      [{ filter: {} }, 'filter must be a string or a Filter (from where or anyOf), got an object'],
    ];
    for (const [options, message] of cases) {
      expect(() => client.query('Job', options as never), message).toThrow(
        new ClientOptionsError(message),
      );
    }
    expect(recorded.requests).toEqual([]);
    // What the README documents still goes: a string, or a Filter as where() builds it.
    const named = (await client.jobs.list())[0]?.Name ?? '';
    for (const filter of [`Name=="${named}"`, where<'Job'>('Name', '==', named)]) {
      const jobs = await client.query('Job', { filter }).toArray();
      expect(jobs.map((job) => job.Name)).toEqual([named]);
    }
    await client.close();
  });

  it('is refused by sessions() and taskSessions(), before anything is sent', async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    const cases: [string, string][] = [
      ['since', 'since must be a Date or a duration such as 7d, got null'],
      ['maxPagesPerSlice', 'maxPagesPerSlice must be an integer >= 1, got null'],
      ['pageSize', 'pageSize must be an integer from 1 to 100000, got null'],
      ['concurrency', 'concurrency must be an integer >= 1, got null'],
      // until takes a Date only (no duration, unlike since), and says so.
      ['until', 'until must be a Date, got null'],
      // A filter value: null was [null], refused by the filter in terms of EM's field (JobName).
      ['jobName', 'jobName must be a job name or a list of them, got null'],
      ['result', 'result must be a session result such as Failed, or a list of them, got null'],
      ['state', 'state must be a session state or a list of them, got null'],
    ];
    for (const crawl of [client.sessions, client.taskSessions]) {
      for (const [name, message] of cases) {
        expect(() => crawl({ now, [name]: null } as never), message).toThrow(
          new ClientOptionsError(message),
        );
      }
    }
    expect(() => client.taskSessions({ now, vmName: null as never })).toThrow(
      new ClientOptionsError('vmName must be a VM name or a list of them, got null'),
    );
    expect(() => client.sessions({ now, until: '1d' as never })).toThrow(
      new ClientOptionsError('until must be a Date, got "1d"'),
    );
    expect(recorded.requests).toEqual([]);
    await client.close();
  });

  it("is refused as follow()'s root, and taskSessionsOf()'s concurrency, before anything is sent", async () => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    const noRoot = 'root must be the name of an EM root element such as BackupJobSession, got';
    // null was taken as not given: the body read as any root.
    await expect(client.follow('jobs', { root: null as never })).rejects.toThrow(
      new ClientOptionsError(`${noRoot} null`),
    );
    // A name no EM type has fails the same way, rather than after a request.
    await expect(client.follow('jobs', { root: 'Bogus' as never })).rejects.toThrow(
      new ClientOptionsError(`${noRoot} "Bogus"`),
    );
    await expect(
      client
        .taskSessionsOf([], { concurrency: null as never })
        [Symbol.asyncIterator]()
        .next(),
    ).rejects.toThrow(new ClientOptionsError('concurrency must be an integer >= 1, got null'));
    expect(recorded.requests).toEqual([]);
    await client.close();
  });
});
