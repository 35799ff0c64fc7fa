import { decode } from '@vbem/xml';
import { writeFileSync } from 'node:fs';
import { startEmulatorProcess } from './children.mjs';
const now = new Date('2026-03-01T12:00:00Z');
const em = await startEmulatorProcess({ dataset: { jobs: 1000, days: 95, now } });
let b;
try {
  const logon = await fetch(`${em.url}/api/sessionMngr/?v=latest`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from('emulator:emulator').toString('base64')}` } });
  await logon.text();
  const token = logon.headers.get('x-restsvcsessionid');
  const url = `${em.url}/api/query?type=BackupJobSession&format=Entities&sortAsc=CreationTime&pageSize=1000&page=3`;
  const r = await fetch(url, { headers: { 'X-RestSvcSessionId': token, Accept: 'application/xml' } });
  b = new Uint8Array(await r.arrayBuffer());
  writeFileSync('/tmp/page.xml', b);
} finally { await em.close(); }
const s = new TextDecoder().decode(b);
for (let i = 0; i < 6; i++) {
  let t = performance.now(); decode(b, { root: 'QueryResult' }); const u = performance.now() - t;
  t = performance.now(); decode(s, { root: 'QueryResult' }); const v = performance.now() - t;
  console.log('u8', u.toFixed(0), 'string', v.toFixed(0));
}
