// The client alone in a process, streaming job sessions and counting them (nothing is kept), so
// that its RSS is the client's. Forked by run.mjs; gets { url, format, since, now, limit, options } over
// IPC, answers { type: 'done', sessions, requests, ms, startRssMb, peakRssMb, maxRssMb, samples }.
import { createClient } from '@vbem/client';
import { USER } from './bare-em.mjs';

const MB = 2 ** 20;
const SAMPLE_MS = 50;

process.on('disconnect', () => process.exit(0));

process.once('message', async ({ url, format, since, now, limit, options = {} }) => {
  try {
    let peak = process.memoryUsage().rss;
    const startRss = peak;
    let samples = 0;
    const timer = setInterval(() => {
      const rss = process.memoryUsage.rss();
      samples++;
      if (rss > peak) peak = rss;
    }, SAMPLE_MS);

    let requests = 0;
    const client = createClient({
      url,
      ...USER,
      format,
      onEvent: (event) => {
        if (event.type === 'response') requests++;
      },
    });
    let sessions = 0;
    const started = performance.now();
    try {
      for await (const _session of client.sessions({ ...options, since, now: () => now })) {
        if (++sessions === limit) break;
      }
    } finally {
      await client.close();
    }
    const ms = performance.now() - started;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage.rss());
    process.send({
      type: 'done',
      sessions,
      requests,
      ms,
      startRssMb: startRss / MB,
      peakRssMb: peak / MB,
      // The kernel's high-water mark (KiB on Linux): catches a peak between two samples.
      maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
      samples,
    });
  } catch (error) {
    process.send({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
  }
});
