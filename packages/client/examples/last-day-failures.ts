import { createClient, where } from '@vbem/client';
import { startEmulator } from '@vbem/emulator';

// A local Enterprise Manager for the example; use your own, e.g. https://em.example.com:9398.
const em = await startEmulator();

await using client = createClient({
  url: em.url,
  username: 'emulator',
  password: process.env.VBEM_PASSWORD ?? 'emulator',
  // For a real EM with its self-signed certificate: tls: { fingerprint256: '…' } or { ca }.
});

// Every failed or warning job session of the last 24 hours: filtered by EM, paged, each once.
const failures: string[] = [];
for await (const session of client.sessions({ since: '24h', result: ['Failed', 'Warning'] })) {
  failures.push(
    `${session.JobName}: ${session.Result} at ${session.CreationTimeUTC.toISOString()}`,
  );
}
console.log(`${failures.length} sessions need a look`);

// The same query service, typed, for any type: the task sessions (VMs) that failed.
const failedVms = client.query('BackupTaskSession', {
  filter: where<'BackupTaskSession'>('Result', '==', 'Failed'),
});
for await (const task of failedVms) console.log(`${task.VmDisplayName}: ${task.Reason}`);

await client.close(); // `await using` would log off too; explicit here so the emulator can stop
await em.close();

export { failures };
