import { createClient } from '@vbem/client';
import { startEmulator } from '@vbem/emulator';
import { buildReport, renderText, reportInputRange } from '@vbem/reporting';

// A local Enterprise Manager for the example; use your own, e.g. https://em.example.com:9398.
const em = await startEmulator();
await using client = createClient({
  url: em.url,
  username: 'emulator',
  password: process.env.VBEM_PASSWORD ?? 'emulator',
});

// What the report needs: job and task sessions from the largest RPO before the window (a job's
// or a VM's last success may be there), job sessions from a week before it too (what is usual
// for a run's duration on its weekday).
const options = { since: '7d', rpo: { default: '24h', jobs: { 'Weekly Archive': '8d' } } };
const { now, to, sessionsFrom, historyFrom } = reportInputRange(options);
const report = await buildReport(
  {
    sessions: client.sessions({ since: historyFrom, until: to }),
    taskSessions: client.taskSessions({ since: sessionsFrom, until: to }),
    jobs: await client.jobs.listEntities(),
  },
  { ...options, now },
);
console.log(renderText(report, { width: 100 }));

await client.close(); // `await using` would log off too; explicit here so the emulator can stop
await em.close();

export { report };
