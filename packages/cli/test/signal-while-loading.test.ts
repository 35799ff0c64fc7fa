import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VBEM_BIN } from './helpers/run-vbem.js';

const HOLD_MAIN = fileURLToPath(new URL('./helpers/hold-main-import.mjs', import.meta.url));
const HELD = 'holding dist/main.js\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vbem-signal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `vbem args…` with its main module held back (before it loads, or in its evaluation, when
 * no event loop turn delivers a signal), sends `signal` once the binary waits for it, then lets
 * it go on: the signal comes while the CLI loads, whatever the machine's speed.
 */
function stoppedWhileLoading(
  args: readonly string[],
  signal: NodeJS.Signals,
  phase: 'load' | 'evaluate' = 'load',
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const gate = join(dir, 'gate');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', HOLD_MAIN, VBEM_BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        NO_COLOR: '1',
        VBEM_TEST_GATE: gate,
        VBEM_TEST_HOLD: phase,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const held = !stderr.includes(HELD);
      stderr += chunk;
      if (held && stderr.includes(HELD)) {
        child.kill(signal);
        writeFileSync(gate, '');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code, by) => {
      clearTimeout(timer);
      resolve({ code, signal: by, stdout, stderr: stderr.replace(HELD, '') });
    });
  });
}

describe('a signal while vbem loads', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    'check stopped by %s prints its UNKNOWN status line and exits 3',
    async (signal) => {
      const run = await stoppedWhileLoading(['check', '--demo'], signal);
      expect(run.stdout).toBe(
        `VBEM UNKNOWN - stopped by ${signal} before the check could look; logged off\n`,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(3);
    },
  );

  it.each([
    ['SIGINT', 130, 'interrupted'],
    ['SIGTERM', 143, 'terminated'],
  ] as const)('sessions stopped by %s exits %i, saying it', async (signal, code, said) => {
    const run = await stoppedWhileLoading(['sessions', '--demo'], signal);
    expect(run.stderr).toBe(`vbem: ${said}; logged off\n`);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(code);
  });

  // The signal waits, caught, for the evaluation to end: the early listeners must not come off
  // before main's go on, or it is dropped (the check ran to its end and printed CRITICAL).
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'check stopped by %s while main.js is evaluated prints its UNKNOWN status line and exits 3',
    async (signal) => {
      const run = await stoppedWhileLoading(['check', '--demo'], signal, 'evaluate');
      expect(run.stdout).toBe(
        `VBEM UNKNOWN - stopped by ${signal} before the check could look; logged off\n`,
      );
      expect(run.code).toBe(3);
    },
  );

  it('sessions stopped by SIGTERM while main.js is evaluated exits 143, saying it', async () => {
    const run = await stoppedWhileLoading(['sessions', '--demo'], 'SIGTERM', 'evaluate');
    expect(run.stderr).toBe('vbem: terminated; logged off\n');
    expect(run.code).toBe(143);
  });
});
