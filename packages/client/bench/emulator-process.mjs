// The emulator in its own process, so that serving pages does not share the client's event loop.
// Forked by children.mjs with `serialization: 'advanced'` (Dates and Infinity survive IPC).
// Messages in: { type: 'start', options } once, then { type: 'stats' } and { type: 'close' }.
// Messages out: { type: 'ready', url, generationMs, jobSessions, rssMb }, { type: 'stats', stats },
// { type: 'error', message }.
import { startEmulator } from '@vbem/emulator';

let emulator;

const send = (message) => {
  if (process.connected) process.send(message);
};

// The parent died or let go of us: never outlive it.
process.on('disconnect', () => {
  void (emulator?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});

process.on('message', async (message) => {
  try {
    if (message.type === 'start') {
      const { options } = message;
      // The emulator's clock (30-day window of /backupSessions, logon expiry) stays on the dataset's now.
      const now = options.dataset?.now;
      const started = performance.now();
      emulator = await startEmulator({ ...options, ...(now ? { now: () => new Date(now) } : {}) });
      send({
        type: 'ready',
        url: emulator.url,
        // startEmulator is dominated by generateDataset; the server's listen is well under a millisecond.
        generationMs: performance.now() - started,
        jobSessions: emulator.dataset.jobSessions.count,
        rssMb: process.memoryUsage().rss / 2 ** 20,
      });
    } else if (message.type === 'stats') {
      send({ type: 'stats', stats: emulator.stats() });
    } else if (message.type === 'close') {
      await emulator?.close();
      process.exit(0);
    }
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
  }
});
