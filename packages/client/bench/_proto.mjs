import { createClient } from '@vbem/client';
import { startEmulatorProcess } from './children.mjs';

const now = new Date('2026-03-01T12:00:00Z');
const em = await startEmulatorProcess({ dataset: { jobs: 1000, days: 95, now } });
console.log(em.url, em.generationMs, em.jobSessions);
try {
  for (const format of ['xml', 'json', 'xml', 'json']) {
    for (const concurrency of [4, 1]) {
      let requests = 0;
      const client = createClient({
        url: em.url,
        username: 'emulator',
        password: 'emulator',
        format,
        concurrency,
        onEvent: (e) => {
          if (e.type === 'response') requests++;
        },
      });
      const t = performance.now();
      let n = 0;
      for await (const s of client.sessions({ since: '96d', now: () => now })) n++;
      const ms = performance.now() - t;
      await client.close();
      console.log(format, concurrency, n, requests, ms.toFixed(0), ((n / ms) * 1000).toFixed(0));
    }
  }
  console.log(await em.stats());
} finally {
  await em.close();
}
