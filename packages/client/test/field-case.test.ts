import { ClientOptionsError, FilterError, QUERY_FIELDS, where } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it } from 'vitest';
import { clientOf, recordingFetch, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

// Untyped input (a field name from a config file or a command line) in another case than EM's.
const untypedWhere = where as (field: string, op: '==', value: unknown) => ReturnType<typeof where>;

describe('a query field named in another case than EM spells it', () => {
  it.each([
    ['sortAsc', 'name', 'Name'],
    ['sortDesc', 'NAME', 'Name'],
    ['sortAsc', 'backupservername', 'BackupServerName'],
  ])('is taken by %s as %j and sent as EM spells it', async (sort, given, sent) => {
    const recorded = recordingFetch();
    const client = clientOf(em, { fetch: recorded.fetch });
    const jobs = await client.query('Job', { [sort]: given } as never).toArray();
    const canonical = await client.query('Job', { [sort]: sent } as never).toArray();
    expect(jobs).toEqual(canonical);
    const queries = recorded.requests.filter((request) => request.url.includes('/query?'));
    expect(queries.map((request) => new URL(request.url).searchParams.get(sort))).toEqual([
      sent,
      sent,
    ]);
    await client.close();
  });

  it('is taken by where() and written as EM spells it', async () => {
    expect(untypedWhere('result', '==', 'Failed').toString()).toBe('Result==Failed');
    expect(untypedWhere('ISRETRY', '==', true).toString()).toBe('IsRetry==true');
    // Its value is checked as that field's: a string is not a boolean.
    const error = (() => {
      try {
        untypedWhere('isretry', '==', 'yes');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(FilterError);
    expect(error).toMatchObject({
      message: 'invalid value "yes" for IsRetry: expected a boolean',
      field: 'IsRetry',
    });
    const client = clientOf(em);
    const jobs = await client
      .query('Job', { filter: untypedWhere('jobtype', '==', 'Backup') })
      .toArray();
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((job) => job.JobType === 'Backup')).toBe(true);
    await client.close();
  });

  it('that is no field of the type is refused, naming it, the fields, and the nearest one', () => {
    const client = clientOf(em);
    const fields = QUERY_FIELDS.BackupJobSession.join(', ');
    expect(() => client.query('BackupJobSession', { sortAsc: 'creationtiem' as never })).toThrow(
      new ClientOptionsError(
        `sortAsc must be a field of BackupJobSession (${fields}), got "creationtiem" (did you mean CreationTime?)`,
      ),
    );
    expect(() => client.query('Job', { sortDesc: 'Bogus' as never })).toThrow(
      new ClientOptionsError(
        `sortDesc must be a field of Job (${QUERY_FIELDS.Job.join(', ')}), got "Bogus"`,
      ),
    );
    // A field of another type is none of this one's.
    expect(() => client.query('Job', { sortAsc: 'creationtime' as never })).toThrow(
      /^sortAsc must be a field of Job \(.*\), got "creationtime"$/,
    );
  });
});
