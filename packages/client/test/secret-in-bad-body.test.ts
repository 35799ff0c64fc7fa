import { createClient, ResponseError } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { emulator } from './helpers/emulator.js';
import { failureOf } from './helpers/failure-of.js';

const USER = 'canary-user';
const CANARY = 'canary-Pa55w0rd-7f3e9c';

let em: RunningEmulator;
beforeEach(async () => {
  em = await emulator({ users: [{ username: USER, password: CANARY }] });
});
afterEach(async () => {
  await em.close();
});

it('a malformed 200 body that holds the password is said to be malformed, without it', async () => {
  const client = createClient({
    url: em.url,
    username: USER,
    password: CANARY,
    retry: { limit: 0 },
    fetch: (async (request: Request) => {
      if (!/\/api\/(jobs|query)/.test(request.url)) return fetch(request);
      return new Response(
        `<EntityReferences xmlns="http://www.veeam.com/ent/v1.0"><Ref>echo ${CANARY}<</EntityReferences>`,
        { status: 200, headers: { 'content-type': 'application/xml' } },
      );
    }) as typeof fetch,
  });
  try {
    const error = await failureOf(() => client.jobs.list());
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).message).toMatch(
      /^GET http:\/\/\S+\/api\/jobs: expected EntityReferences, got a body that does not decode \(not quoted: it held a secret of the request\)$/,
    );
    expect(JSON.stringify(error)).not.toContain(CANARY);
    expect((error as ResponseError).cause).toBeUndefined();
  } finally {
    await client.close();
  }
});
