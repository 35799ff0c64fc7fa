import { startEmulator } from '@vbem/emulator';
import { decode } from '@vbem/xml';

// An EM with 12 jobs and 10 days of history up to a fixed time, on a random loopback port. Its
// clock stands still there, so that every run prints the same sessions whatever the time of day.
const now = new Date('2025-06-15T12:00:00Z');
const emulator = await startEmulator({
  now: () => now,
  dataset: { seed: 7, jobs: 12, days: 10, now },
});
try {
  // Log on as EM wants it: Basic auth once, then the X-RestSvcSessionId token.
  const logon = await fetch(`${emulator.url}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('emulator:emulator').toString('base64')}` },
  });
  const token = logon.headers.get('X-RestSvcSessionId') ?? '';

  // Failed backup sessions of the last day, newest first, through the query service.
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
  const filter = encodeURIComponent(`Result==Failed;CreationTime>="${since}"`);
  const response = await fetch(
    `${emulator.url}/api/query?type=BackupJobSession&format=Entities&sortDesc=CreationTime&filter=${filter}`,
    {
      headers: { 'X-RestSvcSessionId': token },
    },
  );
  const { value } = decode(await response.text(), { root: 'QueryResult' });
  for (const session of value.Entities?.BackupJobSessions?.BackupJobSessions ?? []) {
    console.log(
      `${session.JobName}: ${session.Result} at ${session.CreationTimeUTC.toISOString()}`,
    );
  }
  console.log(emulator.stats().openLogonSessions, 'logon session open');
} finally {
  await emulator.close();
}
