// Child processes of the benchmark: the emulator (emulator-process.mjs) and the streaming client
// of the memory figure (stream-sessions.mjs). Every child is killed when the benchmark ends, on
// error and on Ctrl-C too.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const children = new Set();

function killAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  children.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Forks one of the bench's modules; messages carry Dates, Maps and Infinity. */
export function forkChild(module, execArgv = []) {
  const child = fork(fileURLToPath(new URL(module, import.meta.url)), [], {
    serialization: 'advanced',
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** The next message of `type` from a child; fails on an `error` message or when the child exits first. */
export function nextMessage(child, type) {
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message.type !== type && message.type !== 'error') return;
      cleanup();
      if (message.type === 'error') reject(new Error(`child ${child.pid}: ${message.message}`));
      else resolve(message);
    };
    const onExit = (code, signal) => {
      cleanup();
      reject(new Error(`child ${child.pid} exited (${signal ?? code}) before sending ${type}`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Waits for a child to exit, killing it after `graceMs`. */
export function exited(child, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Starts an emulator in its own process with these `startEmulator` options; its clock is the
 * dataset's `now`. Returns its URL, how long generating the dataset took, its stats over IPC and
 * `close()`.
 */
export async function startEmulatorProcess(options) {
  const child = forkChild('./emulator-process.mjs');
  try {
    const ready = nextMessage(child, 'ready');
    child.send({ type: 'start', options });
    const { url, generationMs, jobSessions, rssMb } = await ready;
    return {
      url,
      generationMs,
      jobSessions,
      rssMb,
      async stats() {
        const answer = nextMessage(child, 'stats');
        child.send({ type: 'stats' });
        return (await answer).stats;
      },
      async close() {
        if (child.connected) child.send({ type: 'close' });
        await exited(child);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
