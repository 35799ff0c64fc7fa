import { startEmulator } from '@vbem/emulator';
import { decode } from '@vbem/xml';

// An EM with 12 jobs and 10 days of history, on a random loopback port.
const emulator = await startEmulator({ dataset: { seed: 42, jobs: 12, days: 10 } });
try {
  // Log on as EM wants it: Basic auth once, then the X-RestSvcSessionId token.
  const logon = await fetch(`${emulator.url}/api/sessionMngr/?v=latest`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('emulator:emulator').toString('base64')}` },
  });
  const token = logon.headers.get('X-RestSvcSessionId') ?? '';

  // Failed backup sessions of the last day, newest first, through the query service.
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
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
