import { describe, expect, it } from 'vitest';
import { ActiveFaultPlan } from '../src/http/fault-plan.js';
import {
  EmulatorOptionsError,
  type FaultRule,
  FaultRuleError,
  startEmulator,
} from '../src/index.js';
import { emulatorForTest, get, logOn, thrownBy } from './emulator-harness.js';

const EVERY_TIME = Number.POSITIVE_INFINITY;

describe("a fault rule's path matches whole segments", () => {
  it('/query hits /query?… and not /querySvc; /jobs hits /jobs/{id}, not /jobsX', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    emulator.faults.add({
      fault: { kind: 'status', status: 503 },
      path: '/query',
      times: EVERY_TIME,
    });
    emulator.faults.add({
      fault: { kind: 'status', status: 502 },
      path: '/JOBS',
      times: EVERY_TIME,
    });
    const job = emulator.dataset.jobs[0];
    const statusOf = async (path: string) => (await get(emulator, path, token)).status;
    expect(await statusOf('querySvc')).toBe(200);
    expect(await statusOf('query?type=Job')).toBe(503);
    expect(await statusOf('query/')).toBe(503);
    expect(await statusOf('jobsX')).toBe(404);
    expect(await statusOf('jobs')).toBe(502);
    expect(await statusOf('jobs?format=Entity')).toBe(502);
    expect(await statusOf(`jobs/${job?.id}/includes`)).toBe(502);
    expect(emulator.stats().faultsInjected).toEqual({ status: 5 });
  });

  it('a path ending with / or with a query part is a prefix as it is', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    emulator.faults.add({
      fault: { kind: 'status', status: 503 },
      path: '/jobs/',
      times: EVERY_TIME,
    });
    emulator.faults.add({
      fault: { kind: 'status', status: 502 },
      path: '/query?type=Job',
      times: EVERY_TIME,
    });
    const statusOf = async (path: string) => (await get(emulator, path, token)).status;
    expect(await statusOf('jobs')).toBe(200);
    expect(await statusOf(`jobs/${emulator.dataset.jobs[0]?.id}`)).toBe(503);
    expect(await statusOf('query?type=BackupServer')).toBe(200);
    expect(await statusOf('query?type=Job&format=Entities')).toBe(502);
  });
});

describe('a fault rule of a method no request can come with', () => {
  it.each(['FOO', 'CONNECT', ''])('refuses method %j with a FaultRuleError', (method) => {
    const error = thrownBy(() =>
      new ActiveFaultPlan().view.add({ fault: { kind: 'reset' }, method } as FaultRule),
    );
    expect(error).toBeInstanceOf(FaultRuleError);
    expect(error).toMatchObject({
      field: 'method',
      problem: `must be an HTTP method a request can reach the emulator with (GET, POST, DELETE, PUT, …), got "${method}"`,
    });
  });

  it('accepts any method Node hands over, in any case, and refuses the others in startEmulator too', async () => {
    const plan = new ActiveFaultPlan().view;
    for (const method of ['GET', 'post', 'Delete', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'])
      expect(plan.add({ fault: { kind: 'reset' }, method }).method).toBe(method);
    const error = await startEmulator({
      faults: [{ fault: { kind: 'reset' }, method: 'FOO' }],
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmulatorOptionsError);
    expect(error).toMatchObject({ option: 'faults[0].method' });
  });

  it('a rule of PUT fires: the fault comes before the 405', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    emulator.faults.add({ fault: { kind: 'status', status: 503 }, method: 'put', path: '/jobs' });
    const put = await fetch(`${emulator.url}/api/jobs`, {
      method: 'PUT',
      headers: { 'X-RestSvcSessionId': token },
    });
    expect(put.status).toBe(503);
  });
});

describe("a fault rule sees a request's path as routing does", () => {
  const spellings = ['/api//jobs', '/api/jobs/', '//api///jobs//', '/API/Jobs', '/api/%6Aobs'];

  it.each(spellings)('a /jobs rule fires for %s, which is served as /api/jobs', async (target) => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const statusOf = async () =>
      (await fetch(`${emulator.url}${target}`, { headers: { 'X-RestSvcSessionId': token } }))
        .status;
    expect(await statusOf()).toBe(200);
    emulator.faults.add({ fault: { kind: 'status', status: 503 }, path: '/jobs' });
    // The first request matches both rules: the RegExp's fires at the second.
    emulator.faults.add({
      fault: { kind: 'status', status: 502 },
      path: /^\/api\/jobs$/i,
      after: 1,
    });
    expect(await statusOf()).toBe(503);
    expect(await statusOf()).toBe(502);
    expect(emulator.stats().requestsByRoute['GET /jobs']).toBe(3);
  });

  it('a rule of one id fires for that id percent-encoded, and a rule of a path below for its trailing slash', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const id = emulator.dataset.jobs[0]?.id as string;
    const encoded = `%${id.charCodeAt(0).toString(16)}${id.slice(1)}`;
    const statusOf = async (path: string) =>
      (await fetch(`${emulator.url}/api${path}`, { headers: { 'X-RestSvcSessionId': token } }))
        .status;
    expect(await statusOf(`/jobs/${encoded}`)).toBe(200);
    emulator.faults.add({
      fault: { kind: 'status', status: 503 },
      path: `/jobs/${id.toUpperCase()}`,
      times: EVERY_TIME,
    });
    emulator.faults.add({
      fault: { kind: 'status', status: 502 },
      path: '/jobs/',
      times: EVERY_TIME,
    });
    expect(await statusOf(`/jobs/${encoded}`)).toBe(503);
    expect(await statusOf(`/jobs//${encoded}/`)).toBe(503);
    // The list itself, with a trailing slash, is not below /jobs/.
    expect(await statusOf('/jobs/')).toBe(200);
    expect(await statusOf(`/jobs/${emulator.dataset.jobs[1]?.id}//`)).toBe(502);
  });

  it('refuses a rule path with an empty segment, which no request path has', () => {
    const error = thrownBy(() =>
      new ActiveFaultPlan().view.add({ fault: { kind: 'reset' }, path: '/jobs//includes?a=//' }),
    );
    expect(error).toBeInstanceOf(FaultRuleError);
    expect(error).toMatchObject({
      field: 'path',
      problem:
        'has an empty segment, which no request\'s path has (the emulator serves /api//jobs as /api/jobs): "/jobs/includes?a=//", not "/jobs//includes?a=//"',
    });
  });

  it('refuses a rule path with a fragment or characters no request carries as they are, which could never fire', async () => {
    const problemOf = (path: string) =>
      thrownBy(() => new ActiveFaultPlan().view.add({ fault: { kind: 'reset' }, path }));
    expect(problemOf('/jobs#x')).toMatchObject({
      name: 'FaultRuleError',
      field: 'path',
      problem:
        'has a fragment ("#x"), which no request sends, so the rule could never fire: "/jobs", not "/jobs#x"',
    });
    for (const [path, sent] of [
      ['/jobs x', '/jobs%20x'],
      ['/jobs/{id}', '/jobs/%7Bid%7D'],
      ['/jobs/../query', '/query'],
      ['/query?filter=Name=="a b"', '/query?filter=Name==%22a%20b%22'],
    ] as const)
      expect(problemOf(path), path).toMatchObject({
        field: 'path',
        problem: expect.stringContaining(
          `so the rule could never fire: ${JSON.stringify(sent)}, not ${JSON.stringify(path)}`,
        ),
      });
    // As in startEmulator's faults, before anything listens.
    await expect(
      emulatorForTest({ faults: [{ fault: { kind: 'status', status: 500 }, path: '/jobs#x' }] }),
    ).rejects.toMatchObject({ name: 'EmulatorOptionsError', option: 'faults[0].path' });
    // The form the problem suggests is the one that fires.
    const emulator = await emulatorForTest({
      faults: [
        {
          fault: { kind: 'status', status: 502 },
          path: '/query?type=Job&filter=Name==%22a%20b%22',
        },
      ],
    });
    const token = await logOn(emulator);
    const quoted = await get(emulator, 'query?type=Job&filter=Name=="a b"', token);
    expect(quoted.status).toBe(502);
    await quoted.text();
    // What requests do carry as they are is still taken: a query, an escape, a lone `?`.
    for (const path of ['/query?type=Job', '/jobs/%7Bid%7D', '/jobs?', '/query?filter=a==b;c!=d,e'])
      expect(() =>
        new ActiveFaultPlan().view.add({ fault: { kind: 'reset' }, path }),
      ).not.toThrow();
  });
});
