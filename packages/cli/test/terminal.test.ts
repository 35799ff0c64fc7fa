import { execFileSync } from 'node:child_process';
import { type RunningEmulator, startEmulator } from '@vbem/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VBEM_BIN } from './helpers/run-vbem.js';

// A real pseudo-terminal through tmux: what a person at a terminal sees. CI installs tmux
// (.ci/run), so the test is mandatory there; elsewhere it says why it skips.
const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasTmux && process.env.CI) throw new Error('tmux is required in CI for the terminal test');
if (!hasTmux)
  console.warn('terminal.test.ts: tmux is not installed; skipping the pseudo-terminal tests');

// ANSI select-graphic-rendition sequences: any, and those that do more than reset.
const ANY_SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);
const STYLING_SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[1-9][0-9;]*m`);

const socket = `vbem-test-${process.pid}`;
const tmux = (...args: string[]) =>
  execFileSync('tmux', ['-L', socket, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TMUX: '' },
  });
const screen = (session: string) => tmux('capture-pane', '-p', '-t', session);

async function until(
  session: string,
  test: (text: string) => boolean,
  ms = 20_000,
): Promise<string> {
  const started = Date.now();
  for (;;) {
    const text = screen(session);
    if (test(text)) return text;
    if (Date.now() - started > ms) throw new Error(`timed out; the screen shows:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function startInTerminal(session: string, command: string, env: Record<string, string> = {}) {
  const exports = Object.entries(env)
    .map(([name, value]) => `${name}='${value}'`)
    .join(' ');
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '100',
    // Tall enough for the whole demo report: the screen is what the test reads.
    '-y',
    '150',
    `env -u NO_COLOR ${exports} ${process.execPath} ${VBEM_BIN} ${command}; echo "[exit $?]"; sleep 30`,
  );
}

let slow: RunningEmulator;
beforeAll(async () => {
  if (!hasTmux) return;
  slow = await startEmulator({
    onWarning: () => {},
    dataset: { jobs: 40, days: 40, sessionsPerDay: 4 },
    faults: [
      { fault: { kind: 'latency', ms: 150 }, path: '/query', times: Number.POSITIVE_INFINITY },
    ],
  });
});
afterAll(async () => {
  if (!hasTmux) return;
  try {
    tmux('kill-server');
  } catch {
    // no server left
  }
  await slow.close();
});

describe.skipIf(!hasTmux)('in a terminal', () => {
  it('vbem report --demo shows the report, in colour, and exits 0', async () => {
    startInTerminal('demo', 'report --demo');
    const text = await until('demo', (t) => t.includes('[exit '));
    expect(text).toContain('[exit 0]');
    expect(text).toMatch(/24 jobs, \d+ runs/);
    expect(text).toMatch(/Job\s+Health\s+Result\s+Last OK/);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    // Colour codes reach the terminal (tmux renders them); -e keeps them in the capture.
    expect(tmux('capture-pane', '-p', '-e', '-t', 'demo')).toMatch(ANY_SGR);
  });

  it('shows progress on stderr while crawling, and clears it before the result', async () => {
    startInTerminal(
      'crawl',
      // The whole month (a --limit would read only its last hours); its first lines through head.
      `sessions --url ${slow.url} --username emulator --since 30d --format csv | head -4`,
      {
        VBEM_PASSWORD: 'emulator',
      },
    );
    const during = await until('crawl', (t) => /sessions [\d,]+ · \d+ pages · [\d,]+\/s/.test(t));
    expect(during).toMatch(/sessions [\d,]+ · \d+ pages/);
    const after = await until('crawl', (t) => t.includes('[exit '));
    expect(after).toContain('[exit 0]');
    expect(after).not.toMatch(/ pages · /);
    expect(after.split('\n')[0]).toBe(
      'uid,jobName,jobType,creationTime,endTime,state,result,isRetry,running,durationSeconds,server',
    );
    expect(slow.stats().openLogonSessions).toBe(0);
  });

  it('--quiet and NO_COLOR keep the terminal plain', async () => {
    startInTerminal('plain', 'report --demo --quiet', { NO_COLOR: '1' });
    await until('plain', (t) => t.includes('[exit '));
    expect(tmux('capture-pane', '-p', '-e', '-t', 'plain')).not.toMatch(STYLING_SGR);
  });
});
