// The oldest Node.js that `engines: >=20` admits (20.0.0) runs too old a runtime for vitest: this
// smoke test runs the built packages there instead. A client against the emulator (logon, a query,
// logoff through `Symbol.asyncDispose`, which Node only defines from 20.4), then the demo report.
import { execFileSync } from 'node:child_process';
import { createClient } from '@vbem/client';
import { startEmulator } from '@vbem/emulator';

const fail = (message) => {
  console.error(`smoke-oldest-node: ${message}`);
  process.exit(1);
};

const em = await startEmulator({ onWarning: () => {} });
try {
  const client = createClient({ url: em.url, username: 'emulator', password: 'emulator' });
  const sessions = await client.sessions({ since: '7d' }).toArray();
  if (sessions.length === 0) fail('the emulator returned no session for the last 7 days');
  if (Object.hasOwn(client, 'undefined')) fail('createClient defined a property named "undefined"');
  const dispose = client[Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')];
  if (typeof dispose !== 'function') fail('the client has no Symbol.asyncDispose method');
  await dispose.call(client);
  const { logons, openLogonSessions } = em.stats();
  if (logons !== 1 || openLogonSessions !== 0)
    fail(`expected 1 logon, logged off; got ${logons} logons, ${openLogonSessions} open`);
  console.log(`client: ${sessions.length} sessions, logged off`);
} finally {
  await em.close();
}

const vbem = new URL('../../packages/cli/bin/vbem.js', import.meta.url);
const report = execFileSync(process.execPath, [vbem.pathname, 'report', '--demo'], {
  encoding: 'utf8',
});
if (!/jobs, .* runs/.test(report)) fail(`vbem report --demo printed no report:\n${report}`);
console.log(`cli: ${report.split('\n')[0]}`);
