import { ClientError, ClientOptionsError, createClient } from '@vbem/client';
import { describe, expect, it, vi } from 'vitest';
import { failureOf } from './helpers/failure-of.js';

const ID = '0b5fbbd0-5b2b-4f4b-9d5e-1c2d3e4f5a6b';
const OPTIONS = { url: 'https://em.example.com:9398', username: 'u', password: 'hunter2' };

/** A client whose every request fails at once, counting them. */
function unreachableClient() {
  const fetch = vi.fn(async () => {
    throw new TypeError('fetch failed');
  });
  const client = createClient({ ...OPTIONS, retry: { limit: 0 }, fetch });
  return { client, fetch };
}

async function expectRefused(call: () => unknown, message: string | RegExp): Promise<void> {
  const failure = await failureOf(call);
  expect(failure).toBeInstanceOf(ClientOptionsError);
  expect(failure).toBeInstanceOf(ClientError);
  if (typeof message === 'string') expect(failure).toHaveProperty('message', message);
  else expect((failure as Error).message).toMatch(message);
  expect(failure).toHaveProperty('request', undefined);
}

describe('arguments that are not what a call takes: a ClientOptionsError, nothing sent', () => {
  it('follow() takes an href or a link with a string Href', async () => {
    const { client, fetch } = unreachableClient();
    const follow = (link: unknown) => () => client.follow(link as string);
    const noLink = 'follow() takes a link (an object with an Href) or an href, got';
    await expectRefused(follow(null), `${noLink} null`);
    await expectRefused(follow(undefined), `${noLink} undefined`);
    await expectRefused(follow(123), `${noLink} 123`);
    await expectRefused(follow([]), `${noLink} an array`);
    const noHref = 'the link given to follow() must have a string Href, got';
    await expectRefused(follow({}), `${noHref} undefined`);
    await expectRefused(follow({ Href: 5 }), `${noHref} 5`);
    await expectRefused(
      follow({ Href: `https://em.example.com:9398/api/jobs/${ID}`, Type: 5 }),
      'the link given to follow() must have a string Type or none, got 5',
    );
    expect(fetch).not.toHaveBeenCalled();
    await client.close();
  });

  it('taskSessionsOf() takes an iterable of job sessions with their UIDs', async () => {
    const { client, fetch } = unreachableClient();
    const read = (sessions: unknown) => () => client.taskSessionsOf(sessions as never);
    const noInput =
      'the sessions given to taskSessionsOf() must be an iterable or async iterable of job sessions, got';
    await expectRefused(read(undefined), `${noInput} undefined`);
    await expectRefused(read(null), `${noInput} null`);
    await expectRefused(read(5), `${noInput} 5`);
    await expectRefused(
      read('urn:veeam:BackupJobSession:x'),
      `${noInput} "urn:veeam:BackupJobSession:x"`,
    );
    await expectRefused(read({ UID: `urn:veeam:BackupJobSession:${ID}` }), `${noInput} an object`);
    const noSession = (index: number) =>
      `session ${index} given to taskSessionsOf() must be a job session with a BackupJobSession or ReplicaJobSession UID, got`;
    await expectRefused(read([{ UID: 'bogus' }]), `${noSession(0)} the UID "bogus"`);
    await expectRefused(read([{}]), `${noSession(0)} the UID undefined`);
    await expectRefused(read([null]), `${noSession(0)} null`);
    await expectRefused(read(['x']), `${noSession(0)} "x"`);
    await expectRefused(
      read([{ UID: `urn:veeam:Job:${ID}` }]),
      `${noSession(0)} the UID "urn:veeam:Job:${ID}"`,
    );
    async function* sessions() {
      yield { UID: 5 };
    }
    await expectRefused(read(sessions()), `${noSession(0)} the UID 5`);
    expect(fetch).not.toHaveBeenCalled();
    await client.close();
  });

  it('sessions() and taskSessions() take a now that returns a valid Date', async () => {
    const { client, fetch } = unreachableClient();
    for (const crawl of ['sessions', 'taskSessions'] as const) {
      const call = (now: unknown) => () => client[crawl]({ now: now as () => Date });
      await expectRefused(
        call(() => 'x'),
        'now() must return a valid Date, got "x"',
      );
      await expectRefused(
        call(() => Date.now()),
        /^now\(\) must return a valid Date, got \d+$/,
      );
      await expectRefused(
        call(() => new Date(Number.NaN)),
        'now() must return a valid Date, got Invalid Date',
      );
      await expectRefused(
        call(new Date()),
        /^now must be a function returning a Date, got the Date /,
      );
      await expectRefused(
        call('2026-01-01'),
        'now must be a function returning a Date, got "2026-01-01"',
      );
    }
    expect(fetch).not.toHaveBeenCalled();
    await client.close();
  });

  it('createClient() takes a proxy URL or false as proxy, and a boolean as tls.rejectUnauthorized', async () => {
    const create = (options: object) => () => createClient({ ...OPTIONS, ...options } as never);
    const noProxy = 'proxy must be a proxy URL (a string) or false, got';
    await expectRefused(create({ proxy: true }), `${noProxy} true`);
    await expectRefused(create({ proxy: 0 }), `${noProxy} 0`);
    await expectRefused(create({ proxy: null }), `${noProxy} null`);
    await expectRefused(
      create({ proxy: new URL('http://user:hunter2@proxy.corp:3128') }),
      `${noProxy} an object`,
    );
    await expectRefused(
      create({ tls: { rejectUnauthorized: 'false' } }),
      'tls.rejectUnauthorized must be a boolean, got "false"',
    );
    for (const proxy of [false, undefined, 'http://proxy.corp:3128'] as const) {
      await createClient({ ...OPTIONS, proxy }).close();
    }
  });
});
