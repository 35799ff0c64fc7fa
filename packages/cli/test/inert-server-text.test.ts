import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { DEMO_DATASET } from '../src/connection/demo.js';
import { Checklist } from '../src/doctor/checklist.js';
import {
  HOSTILE,
  type HostileProxy,
  type Rewrite,
  startHostileProxy,
} from './helpers/hostile-proxy.js';
import { vbemInProcess } from './helpers/vbem-in-process.js';

const NOW = new Date('2026-03-02T12:00:00Z');

/** Control characters other than a line's own newline, and bidi controls. */
const unsafe = (text: string): boolean =>
  /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(text.replaceAll('\n', ''));

/** Every name and reason EM sends (JSON bodies) gets the hostile suffix; API versions stay. */
const hostileNames: Rewrite = (_method, path, answer) => ({
  status: answer.status,
  body:
    path === '/api/'
      ? answer.body
      : answer.body.replace(
          /("(?:name|jobName|vmDisplayName|reason)":)("(?:[^"\\]|\\.)*")/gi,
          (_all, key: string, value: string) =>
            `${key}${JSON.stringify(`${JSON.parse(value) as string}${HOSTILE}`)}`,
        ),
});

/** The logon fails with a 500 whose message is hostile. */
const hostileLogonError: Rewrite = (method, path, answer) =>
  method === 'POST' && path.startsWith('/api/sessionMngr')
    ? {
        status: 500,
        body: JSON.stringify({ Message: `boom${HOSTILE}`, StatusCode: 500, Status: 'Error' }),
      }
    : answer;

const vbem = (argv: readonly string[]) =>
  vbemInProcess(argv, { env: { VBEM_PASSWORD: 'emulator' }, now: NOW });

let em: RunningEmulator;
const proxies: HostileProxy[] = [];
beforeAll(async () => {
  em = await startEmulator({
    dataset: { ...DEMO_DATASET, now: NOW },
    now: () => NOW,
    onWarning: () => {},
  });
});
afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await em.close();
});

async function through(rewrite: Rewrite): Promise<string[]> {
  const proxy = await startHostileProxy(em.url, rewrite);
  proxies.push(proxy);
  return ['--url', proxy.url, '--username', 'emulator', '--api-format', 'json'];
}

describe('server text reaches the terminal inert', () => {
  it('sessions show: every key/value line', async () => {
    const at = await through(hostileNames);
    const list = await vbem(['sessions', ...at, '--since', '2d', '--format', 'json']);
    expect(list.code, list.stderr).toBe(0);
    const [first] = JSON.parse(list.stdout) as { uid: string; jobName: string }[];
    expect(first?.jobName).toContain(HOSTILE);
    const show = await vbem(['sessions', 'show', first?.uid ?? '', ...at, '--tasks']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('Job:      ');
    expect(show.stdout).toContain('\uFFFD]0;PWNED\uFFFD');
    expect(unsafe(show.stdout), JSON.stringify(show.stdout)).toBe(false);
    expect(show.stdout).not.toMatch(/^NEXT/m);
  });

  it('tasks: table, CSV, JSON and NDJSON, with the data kept whole in JSON', async () => {
    const at = await through(hostileNames);
    const run = (format: string) => vbem(['tasks', ...at, '--since', '2d', '--format', format]);
    const table = await run('table');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('\uFFFD]0;PWNED\uFFFD');
    expect(unsafe(table.stdout), JSON.stringify(table.stdout)).toBe(false);
    expect(table.stdout).not.toMatch(/^NEXT/m);
    const json = await run('json');
    expect(unsafe(json.stdout), JSON.stringify(json.stdout)).toBe(false);
    const rows = JSON.parse(json.stdout) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const key of ['vmName', 'jobSessionName', 'reason', 'server']) {
      expect(
        rows.every((row) => row[key]?.endsWith(HOSTILE)),
        key,
      ).toBe(true);
    }
    const ndjson = await run('ndjson');
    expect(unsafe(ndjson.stdout), JSON.stringify(ndjson.stdout)).toBe(false);
    expect(
      ndjson.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(rows);
    const csv = await run('csv');
    const records = csv.stdout.split('\r\n');
    expect(records).toHaveLength(rows.length + 2);
    expect(records.some(unsafe), JSON.stringify(csv.stdout)).toBe(false);
    expect(records[1]).toContain('\uFFFD]0;PWNED\uFFFD');
  });

  it('check: the status line stays one line, and --verbose lines are inert', async () => {
    const at = await through(hostileNames);
    const run = await vbem(['check', ...at, '--verbose']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toMatch(/^VBEM CRITICAL - [^\n]*\]0;PWNED[^\n]*\n$/);
    expect(run.stdout.split('|')).toHaveLength(2);
    expect(unsafe(run.stdout), JSON.stringify(run.stdout)).toBe(false);
    expect(run.stderr).toContain('critical: ');
    expect(unsafe(run.stderr), JSON.stringify(run.stderr)).toBe(false);
  });

  it("an EM error body: vbem's error line, and check's UNKNOWN line", async () => {
    const at = await through(hostileLogonError);
    const sessions = await vbem(['sessions', ...at]);
    expect(sessions.code).toBe(1);
    expect(sessions.stderr).toContain('boom');
    expect(unsafe(sessions.stderr), JSON.stringify(sessions.stderr)).toBe(false);
    const debug = await vbem(['sessions', ...at, '--debug']);
    expect(unsafe(debug.stderr), JSON.stringify(debug.stderr)).toBe(false);
    const check = await vbem(['check', ...at]);
    expect(check.code).toBe(3);
    expect(check.stdout).toMatch(/^VBEM UNKNOWN - [^\n]*boom[^\n]*\n$/);
    expect(unsafe(check.stdout + check.stderr)).toBe(false);
  });

  it("doctor: a check's message, details and hint", () => {
    let out = '';
    const list = new Checklist({
      stdout: { write: (text: string) => (out += text), isTTY: true },
      env: {},
    } as unknown as CliIo);
    list.add('EM API', {
      status: 'pass',
      message: `API versions v1_7${HOSTILE}`,
      details: [['subject', `CN=em${HOSTILE}`]],
      hint: `try${HOSTILE}`,
    });
    // Only the checklist's own colours are escape sequences; none of the server's.
    const withoutOwnColours = out.replace(
      new RegExp(`${String.fromCharCode(27)}\\[\\d*m`, 'g'),
      '',
    );
    expect(withoutOwnColours.split('\n')).toHaveLength(4);
    expect(unsafe(withoutOwnColours), JSON.stringify(out)).toBe(false);
  });
});
