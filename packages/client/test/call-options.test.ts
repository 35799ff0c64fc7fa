import { ClientOptionsError, createClient, type EmClient } from '@vbem/client';
import { describe, expect, it, vi } from 'vitest';
import { failureOf } from './helpers/failure-of.js';

const ID = '0b5fbbd0-5b2b-4f4b-9d5e-1c2d3e4f5a6b';
const COLLECTIONS = [
  'backupSessions',
  'replicaSessions',
  'backupTaskSessions',
  'replicaTaskSessions',
  'restoreSessions',
  'jobs',
  'backupServers',
] as const;
const JOB_SESSION_COLLECTIONS = ['backupSessions', 'replicaSessions'] as const;
const REPORTS = [
  'summary',
  'overview',
  'vmsOverview',
  'jobStatistics',
  'processedVms',
  'repository',
] as const;

interface Call {
  /** The call as its errors name it. */
  readonly name: string;
  /** Its options, as its errors list them. */
  readonly known: string;
  readonly invoke: (client: EmClient, options: never) => unknown;
}

const CALLS: readonly Call[] = [
  { name: 'logon()', known: 'signal', invoke: (client, options) => client.logon(options) },
  ...COLLECTIONS.flatMap((collection): Call[] => [
    {
      name: `${collection}.list()`,
      known: 'signal',
      invoke: (client, options) => client[collection].list(options),
    },
    {
      name: `${collection}.listEntities()`,
      known: 'signal',
      invoke: (client, options) => client[collection].listEntities(options),
    },
    {
      name: `${collection}.get()`,
      known: 'signal',
      invoke: (client, options) => client[collection].get(ID, options),
    },
    {
      name: `${collection}.reference()`,
      known: 'signal',
      invoke: (client, options) => client[collection].reference(ID, options),
    },
  ]),
  ...JOB_SESSION_COLLECTIONS.flatMap((collection): Call[] => [
    {
      name: `${collection}.taskSessions()`,
      known: 'signal',
      invoke: (client, options) => client[collection].taskSessions(ID, options),
    },
    {
      name: `${collection}.taskSessionEntities()`,
      known: 'signal',
      invoke: (client, options) => client[collection].taskSessionEntities(ID, options),
    },
  ]),
  ...REPORTS.map(
    (report): Call => ({
      name: `reports.${report}()`,
      known: 'signal',
      invoke: (client, options) => client.reports[report](options),
    }),
  ),
  {
    name: 'follow()',
    known: 'signal, root',
    invoke: (client, options) =>
      client.follow(`https://em.example.com:9398/api/jobs/${ID}`, options),
  },
  {
    name: 'stopSession()',
    known: 'signal, pollIntervalMs, timeoutMs',
    invoke: (client, options) => client.stopSession(ID, options),
  },
  {
    name: 'taskSessionsOf()',
    known: 'concurrency, signal',
    invoke: (client, options) => client.taskSessionsOf([], options),
  },
];

/** A client whose every request fails at once, counting them. */
function unreachableClient() {
  const fetch = vi.fn(async () => {
    throw new TypeError('fetch failed');
  });
  const client = createClient({
    url: 'https://em.example.com:9398',
    username: 'u',
    password: 'p',
    retry: { limit: 0 },
    fetch,
  });
  return { client, fetch };
}

describe('the options of every call', () => {
  it.each(CALLS)(
    '$name refuses a key it does not know and options that are no object',
    async ({ name, known, invoke }) => {
      const { client, fetch } = unreachableClient();
      const cases: [unknown, string][] = [
        // A misspelled option would be ignored without a word; its value is never shown.
        [{ signall: 'hunter2' }, `signall is not an option of ${name} (its options: ${known})`],
        [null, `the options of ${name} must be an object, got null`],
        ['7d', `the options of ${name} must be an object, got "7d"`],
        [5, `the options of ${name} must be an object, got 5`],
        [[], `the options of ${name} must be an object, got an array`],
        // Named after the call, as sessions().signal is, not as the client's own signal option.
        [{ signal: 5 }, `${name}.signal must be an AbortSignal, got 5`],
      ];
      for (const [options, message] of cases) {
        const failure = await failureOf(() => invoke(client, options as never));
        expect(failure).toBeInstanceOf(ClientOptionsError);
        expect(failure).toHaveProperty('message', message);
      }
      expect(fetch).not.toHaveBeenCalled();
      // A key given as undefined is not given: the call goes on, and fails only for want of an EM.
      const failure = await failureOf(() => invoke(client, { signall: undefined } as never));
      expect(failure).not.toBeInstanceOf(ClientOptionsError);
      await client.close();
    },
  );
});
