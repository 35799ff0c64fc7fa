import { type AddressInfo, connect, createServer } from 'node:net';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DatasetOptionsError,
  type EmulatorOptions,
  EmulatorOptionsError,
  type FaultRule,
  FaultRuleError,
  generateDataset,
  type RunningEmulator,
  startEmulator,
} from '../src/index.js';
import { emulatorForTest, NOW, thrownBy } from './emulator-harness.js';
import { selfSignedPair } from './self-signed-pair.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** What startEmulator throws for these options (closing an emulator that started after all). */
async function refusal(options: unknown): Promise<unknown> {
  try {
    running.push(await startEmulator(options as EmulatorOptions));
    return undefined;
  } catch (error) {
    return error;
  }
}

const small = { dataset: { jobs: 2, days: 1, now: NOW }, now: () => NOW };

/** A port nothing listens on (one the system gave and took back). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether a connection to the port on loopback is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

/** What startEmulator throws for these users on a small dataset. */
const refusalOfUsers = (users: unknown): Promise<unknown> =>
  refusal({ users, now: () => NOW, dataset: { jobs: 1, days: 1, now: NOW } });

describe('startEmulator refuses what it would not read', () => {
  it.each([
    [{ prot: 1234 }, 'prot', 'EmulatorOptions.prot is not an option of startEmulator (host, port,'],
    [{ idleTimeout: 5 }, 'idleTimeout', 'EmulatorOptions.idleTimeout is not an option'],
    [5, '', 'EmulatorOptions must be an object of options, got 5'],
    [null, '', 'EmulatorOptions must be an object of options, got null'],
    [[], '', 'EmulatorOptions must be an object of options, got an array'],
    [
      { dataset: 5 },
      'dataset',
      'EmulatorOptions.dataset must be an object of dataset options, got 5',
    ],
    [
      { dataset: 'abc' },
      'dataset',
      'EmulatorOptions.dataset must be an object of dataset options, got "abc"',
    ],
  ])('%j: EmulatorOptionsError of %j', async (options, option, message) => {
    const error = await refusal(options);
    expect(error).toBeInstanceOf(EmulatorOptionsError);
    expect(error).toMatchObject({ option, message: expect.stringContaining(message) });
  });

  it('refuses a misspelled dataset option with a DatasetOptionsError naming it', async () => {
    const error = await refusal({ dataset: { job: 3 } });
    expect(error).toBeInstanceOf(DatasetOptionsError);
    expect(error).toMatchObject({
      option: 'job',
      message: expect.stringContaining('DatasetOptions.job is not a dataset option (seed, now,'),
    });
    expect(() => generateDataset({ sessions: 2 } as never)).toThrow(
      'DatasetOptions.sessions is not a dataset option',
    );
    expect(() => generateDataset(5 as never)).toThrow(
      new DatasetOptionsError('', 'must be an object of options, got 5'),
    );
  });

  it('takes an unknown key given as undefined for not given, as every option', async () => {
    const emulator = await startEmulator({ ...small, prot: undefined } as EmulatorOptions);
    running.push(emulator);
    expect(generateDataset({ job: undefined, jobs: 1, days: 1 } as never).jobs).toHaveLength(1);
  });

  it('refuses an unknown field of a fault rule or of its fault, which would widen the rule', async () => {
    const emulator = await emulatorForTest();
    for (const [rule, field, message] of [
      [
        { fault: { kind: 'reset' }, pth: '/jobs' },
        'pth',
        'FaultRule.pth is not a field of a fault rule (fault, method, path, after, times)',
      ],
      [
        { fault: { kind: 'latency', ms: 5, msec: 10 } },
        'fault.msec',
        'FaultRule.fault.msec is not a field of a latency fault (kind, ms)',
      ],
      [
        { fault: { kind: 'expire-token', status: 503 } },
        'fault.status',
        'FaultRule.fault.status is not a field of a expire-token fault (kind)',
      ],
    ] as const) {
      const error = thrownBy(() => emulator.faults.add(rule as unknown as FaultRule));
      expect(error, message).toBeInstanceOf(FaultRuleError);
      expect(error).toMatchObject({ field, message });
    }
    expect(await refusal({ faults: [{ fault: { kind: 'reset' }, pth: '/jobs' }] })).toMatchObject({
      name: 'EmulatorOptionsError',
      option: 'faults[0].pth',
    });
  });
});

describe('startEmulator checks now, tls, onWarning and host before anything listens', () => {
  it.each([
    [{ now: new Date() }, 'now', 'must be a function that returns the current Date'],
    [{ now: () => 'today' }, 'now', 'must return a valid Date, returned "today"'],
    [{ now: () => new Date(Number.NaN) }, 'now', 'must return a valid Date, returned Invalid Date'],
    [{ now: () => Object.create(Date.prototype) }, 'now', 'must return a valid Date, returned an'],
    [{ onWarning: 'x' }, 'onWarning', 'must be a function that takes a message, got "x"'],
    [{ tls: {} }, 'tls.key', 'must be PEM text'],
    [{ tls: true }, 'tls', 'must be { key, cert } with PEM text, got true'],
    [{ tls: 'secret' }, 'tls', 'got a string'],
    [{ host: '[::1' }, 'host', 'must be an IPv4 address, an IPv6 address (brackets optional'],
    [{ host: '127.0.0.1 ' }, 'host', 'got "127.0.0.1 "'],
    [{ host: '[127.0.0.1]' }, 'host', 'or a host name, got "[127.0.0.1]"'],
    [{ host: 'http://localhost' }, 'host', 'must be'],
  ])('%o: EmulatorOptionsError of %s', async (options, option, problem) => {
    const error = await refusal({ ...small, ...options });
    expect(error).toBeInstanceOf(EmulatorOptionsError);
    expect(error).toMatchObject({ option, problem: expect.stringContaining(problem) });
  });

  it('takes a clock returning Dates of another realm (vm, a worker)', async () => {
    const emulator = await startEmulator({
      ...small,
      now: () => runInNewContext(`new Date(${NOW.getTime()})`) as Date,
    });
    running.push(emulator);
    expect((await fetch(`${emulator.url}/api/`)).status).toBe(200);
  });

  it('binds [::1] as ::1, as a URL writes it', async () => {
    const emulator = await startEmulator({ ...small, host: '[::1]' });
    running.push(emulator);
    expect(emulator.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await fetch(`${emulator.url}/api/`)).status).toBe(200);
  });

  it('refuses a key and certificate OpenSSL cannot use, naming tls without the key material', async () => {
    const secret = 'NOT-A-REAL-KEY-0123456789';
    const garbage = await refusal({ ...small, tls: { key: secret, cert: 'y' } });
    expect(garbage).toBeInstanceOf(EmulatorOptionsError);
    expect(garbage).toMatchObject({
      option: 'tls',
      problem: expect.stringContaining('is not a usable PEM key and certificate pair: error:'),
    });
    expect(String((garbage as Error).message)).not.toContain(secret);
    // Two valid pairs, crossed: the key does not match the certificate.
    const [one, two] = [selfSignedPair(), selfSignedPair()];
    const crossed = await refusal({ ...small, tls: { key: one.key, cert: two.cert } });
    expect(crossed).toMatchObject({ name: 'EmulatorOptionsError', option: 'tls' });
    const body = one.key.split('\n')[1] as string;
    expect((crossed as Error).message).not.toContain(body);
  });
});

describe('startEmulator names the option when it cannot listen', () => {
  it("a port in use: EmulatorOptionsError of port, with the port, the host and Node's error as cause", async () => {
    const first = await startEmulator(small);
    running.push(first);
    const port = Number(new URL(first.url).port);
    const error = await refusal({ ...small, port });
    expect(error).toBeInstanceOf(EmulatorOptionsError);
    expect(error).toMatchObject({
      option: 'port',
      problem: `${port} is in use on 127.0.0.1 (EADDRINUSE): the emulator cannot listen`,
      cause: expect.objectContaining({ code: 'EADDRINUSE' }),
    });
  });

  it('a host name that does not resolve: EmulatorOptionsError of host', async () => {
    // .invalid never resolves (RFC 2606); without a name server the lookup fails as well.
    const warnings: string[] = [];
    const error = await refusal({
      ...small,
      host: 'emulator.invalid',
      onWarning: (message: string) => warnings.push(message),
    });
    // Nothing listens, so nothing says "listening on emulator.invalid".
    expect(warnings).toEqual([]);
    expect(error).toBeInstanceOf(EmulatorOptionsError);
    expect(error).toMatchObject({
      option: 'host',
      problem: expect.stringMatching(
        /^"emulator\.invalid" (does not resolve|could not be resolved)/,
      ),
    });
  });

  it('an onWarning that throws leaves nothing listening', async () => {
    // Loopback, in a form the warning does not know; the only such warning comes once listening.
    const port = await freePort();
    const error = await refusal({
      ...small,
      host: '::ffff:127.0.0.1',
      port,
      onWarning: (message: string) => {
        throw new Error(`warnings are failures here: ${message}`);
      },
    });
    expect(error).toMatchObject({ message: expect.stringContaining('not a loopback address') });
    expect(await refused(port)).toBe(true);
  });

  it('takes LOCALHOST in any case as loopback, without a warning', async () => {
    const warnings: string[] = [];
    running.push(
      await startEmulator({
        ...small,
        host: 'LocalHost',
        onWarning: (message: string) => warnings.push(message),
      }),
    );
    expect(warnings).toEqual([]);
  });

  it('an address of another machine: EmulatorOptionsError of host', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): no machine's own address.
    const warnings: string[] = [];
    const error = await refusal({
      ...small,
      host: '192.0.2.1',
      onWarning: (message: string) => warnings.push(message),
    });
    expect(warnings).toEqual([]);
    expect(error).toMatchObject({
      name: 'EmulatorOptionsError',
      option: 'host',
      problem:
        '"192.0.2.1" is not an address of this machine (EADDRNOTAVAIL): the emulator cannot listen',
    });
  });
});

describe('option errors show what was given', () => {
  it('quotes a string given for a number, so that "5" does not read as 5', () => {
    expect(() => generateDataset({ jobs: '5' } as never)).toThrow(
      new DatasetOptionsError('jobs', 'must be an integer from 0 to 100000, got "5"'),
    );
    expect(() => generateDataset({ failureRate: '0.1' } as never)).toThrow(
      new DatasetOptionsError('failureRate', 'must be a number from 0 to 1, got "0.1"'),
    );
    expect(() => generateDataset({ now: '2025-06-15' } as never)).toThrow(
      new DatasetOptionsError('now', 'must be a valid Date, got "2025-06-15"'),
    );
  });

  it('takes retryAfter as whole seconds or a string, and says so otherwise', async () => {
    const emulator = await emulatorForTest({
      faults: [{ fault: { kind: 'status', status: 503, retryAfter: 5 } }],
    });
    const answer = await fetch(`${emulator.url}/api/`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(() =>
      emulator.faults.add({ fault: { kind: 'status', status: 503, retryAfter: 1.5 } }),
    ).toThrow(
      'FaultRule.fault.retryAfter must be a whole number of seconds (5) or a header value as a string ("5", an HTTP date), got 1.5',
    );
  });
});

describe('a dataset that ends before the clock’s 30-day window', () => {
  it('warns that every session list would be empty, and how to serve the history', async () => {
    const warnings: string[] = [];
    const end = new Date('2025-06-15T00:00:00Z');
    running.push(
      await startEmulator({
        dataset: { jobs: 2, days: 3, now: end },
        onWarning: (message) => warnings.push(message),
      }),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      'the dataset ends at 2025-06-15T00:00:00.000Z, more than 30 days',
    );
    expect(warnings[0]).toContain("Pass now: () => new Date('2025-06-15T00:00:00.000Z')");
  });

  it('says nothing when the clock is within 30 days of the end', async () => {
    const warnings: string[] = [];
    for (const clock of [NOW, new Date(NOW.getTime() + 30 * 86_400_000)])
      running.push(
        await startEmulator({
          dataset: { jobs: 2, days: 3, now: NOW },
          now: () => clock,
          onWarning: (message) => warnings.push(message),
        }),
      );
    expect(warnings).toEqual([]);
  });
});

describe('the users option', () => {
  it.each([
    [
      [{ username: 'admin', password: 'secret', role: 'PortalAdministrator' }],
      'users[0].role',
      'is not a field of an account (username, password)',
    ],
    [
      [
        { username: 'a', password: 'b' },
        { username: 'c', pasword: 'd' },
      ],
      'users[1].pasword',
      'is not a field of an account (username, password)',
    ],
    [[null], 'users[0]', 'must be an account ({ username, password }), got null'],
    [
      ['admin:secret'],
      'users[0]',
      'must be an account ({ username, password }), got "admin:secret"',
    ],
  ])('refuses %j: %s %s', async (users, option, problem) => {
    const error = await refusalOfUsers(users);
    expect(error).toBeInstanceOf(EmulatorOptionsError);
    expect(error).toMatchObject({ option, problem });
  });

  it.each([
    [
      [{ username: 'admin', password: '' }],
      'users[0].password',
      'must be a non-empty string, got ""',
    ],
    [[{ username: 'admin' }], 'users[0].password', 'must be a non-empty string, got undefined'],
  ])(
    'refuses an empty or missing password, as the CLI does: %j',
    async (users, option, problem) => {
      const error = await refusalOfUsers(users);
      expect(error).toBeInstanceOf(EmulatorOptionsError);
      expect(error).toMatchObject({ option, problem });
    },
  );

  it('takes a field given as undefined as not given, as everywhere in the options', async () => {
    expect(
      await refusalOfUsers([{ username: 'admin', password: 'secret', role: undefined }]),
    ).toBeUndefined();
  });
});
