import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { connectionTimeouts } from '../src/connection-timeouts.js';
import { EmulatorOptionsError, type RunningEmulator, startEmulator } from '../src/index.js';
import { emulatorForTest } from './emulator-harness.js';
import { selfSignedPair } from './self-signed-pair.js';

/**
 * Far beyond the short limits below (a bound on a wait, not a measured speed), short of Node's
 * own: 60 s for headers checked every 30 s, 5 s of keep-alive (plus 1 s) after an answer.
 */
const BOUND_MS = 5_000;

/**
 * Opens a connection to `emulator`, lets `start` write what it will on it, and resolves with
 * what the emulator wrote once it closes the connection; rejects when it is still open after
 * BOUND_MS (a bound on a wait, not a measured speed).
 */
function heldConnection(
  emulator: RunningEmulator,
  start: (socket: Socket) => void,
): Promise<string> {
  const { port } = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    const bound = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the connection was still open after ${BOUND_MS} ms`));
    }, BOUND_MS);
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => {
      received += data;
    });
    socket.on('error', () => {});
    socket.on('connect', () => start(socket));
    socket.on('close', () => {
      clearTimeout(bound);
      resolve(received);
    });
  });
}

const LIMITS = { headersTimeoutMs: 200, requestTimeoutMs: 400, keepAliveTimeoutMs: 200 };

describe('a client that is slow to send its request', () => {
  it('is answered 408 and disconnected when its headers take longer than headersTimeoutMs', async () => {
    const emulator = await emulatorForTest(LIMITS);
    // Slowloris: a start of headers, then nothing more.
    const written = await heldConnection(emulator, (socket) =>
      socket.write('GET /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '),
    );
    expect(written).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('is disconnected when it connects and sends nothing', async () => {
    const emulator = await emulatorForTest(LIMITS);
    expect(await heldConnection(emulator, () => {})).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('is disconnected when its body takes longer than requestTimeoutMs', async () => {
    // Kept alive for long: what cuts it is the request's limit.
    const emulator = await emulatorForTest({ ...LIMITS, keepAliveTimeoutMs: 60_000 });
    // Headers whole, a body of 100 bytes of which 3 ever come; the logon is answered unread.
    const written = await heldConnection(emulator, (socket) =>
      socket.write(
        'POST /api/sessionMngr/?v=latest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nabc',
      ),
    );
    expect(written).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('is disconnected when it keeps an idle connection alive past keepAliveTimeoutMs', async () => {
    const emulator = await emulatorForTest(LIMITS);
    const written = await heldConnection(emulator, (socket) =>
      socket.write('GET /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
    );
    expect(written).toMatch(/^HTTP\/1\.1 200 /);
    expect(written).toMatch(/\r\nKeep-Alive: timeout=0\r\n/);
  });

  it('over HTTPS, is disconnected when it never finishes its TLS handshake', async () => {
    const emulator = await emulatorForTest({ ...LIMITS, tls: selfSignedPair() });
    // A ClientHello's first bytes: a handshake begun and never finished.
    const written = await heldConnection(emulator, (socket) =>
      socket.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])),
    );
    expect(written).toBe('');
  });

  it('over HTTPS, is disconnected when its headers take longer than headersTimeoutMs', async () => {
    const emulator = await emulatorForTest({ ...LIMITS, tls: selfSignedPair() });
    const { port } = new URL(emulator.url);
    const written = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect({
        port: Number(port),
        host: '127.0.0.1',
        rejectUnauthorized: false,
      });
      let received = '';
      const bound = setTimeout(() => {
        socket.destroy();
        reject(new Error(`the connection was still open after ${BOUND_MS} ms`));
      }, BOUND_MS);
      socket.setEncoding('latin1');
      socket.on('data', (data: string) => {
        received += data;
      });
      socket.on('error', () => {});
      socket.on('secureConnect', () => socket.write('GET /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
      socket.on('close', () => {
        clearTimeout(bound);
        resolve(received);
      });
    });
    expect(written).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('connection limits as options', () => {
  it('default to 10 s for headers, 30 s for the request and 5 s of keep-alive, checked every second', () => {
    expect(connectionTimeouts({})).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: 1_000,
    });
    expect(connectionTimeouts({ requestTimeoutMs: 4_000 })).toMatchObject({
      headersTimeout: 4_000,
      connectionsCheckingInterval: 1_000,
    });
    expect(connectionTimeouts({ headersTimeoutMs: 200 })).toMatchObject({
      requestTimeout: 30_000,
      connectionsCheckingInterval: 50,
    });
  });

  it.each([
    [
      { headersTimeoutMs: 0 },
      'EmulatorOptions.headersTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, got 0',
    ],
    [
      { requestTimeoutMs: 1.5 },
      'EmulatorOptions.requestTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, got 1.5',
    ],
    [
      { keepAliveTimeoutMs: '5000' },
      'EmulatorOptions.keepAliveTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, got "5000"',
    ],
    // Past Node's longest timer: it would truncate it, warning on every kept-alive request.
    [
      { keepAliveTimeoutMs: 2_147_483_648 },
      'EmulatorOptions.keepAliveTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, got 2147483648',
    ],
    [
      { requestTimeoutMs: 99_999_999_999 },
      'EmulatorOptions.requestTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, got 99999999999',
    ],
    [
      { headersTimeoutMs: 99_999_999_999, requestTimeoutMs: 99_999_999_999 },
      'EmulatorOptions.headersTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, got 99999999999',
    ],
    [
      { headersTimeoutMs: 20_000, requestTimeoutMs: 10_000 },
      'EmulatorOptions.headersTimeoutMs must not exceed requestTimeoutMs (10000), got 20000',
    ],
  ])('refuses %o before anything listens', async (options, message) => {
    const started = startEmulator(options as never);
    await expect(started).rejects.toThrow(EmulatorOptionsError);
    await expect(started).rejects.toThrow(message);
  });

  it.each([
    [{ requestTimeoutMs: 150 }],
    [{ headersTimeoutMs: 60_000 }],
    [{ headersTimeoutMs: 2_147_483_647, keepAliveTimeoutMs: 2_147_483_647 }],
  ])('takes %o alone, the other limit defaulted around it', async (options) => {
    const emulator = await emulatorForTest(options);
    expect(emulator.url).toMatch(/^http:/);
  });
});
