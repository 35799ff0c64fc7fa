import { decode } from '@vbem/xml';
import { startEmulatorProcess } from './children.mjs';
const now = new Date('2026-03-01T12:00:00Z');
const em = await startEmulatorProcess({ dataset: { jobs: 1000, days: 95, now } });
try {
  const logon = await fetch(`${em.url}/api/sessionMngr/?v=latest`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from('emulator:emulator').toString('base64')}` } });
  await logon.text();
  const token = logon.headers.get('x-restsvcsessionid');
  const url = `${em.url}/api/query?type=BackupJobSession&format=Entities&sortAsc=CreationTime&pageSize=1000&page=3`;
  for (const accept of ['application/xml', 'application/json', 'application/xml']) {
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = await fetch(url, { headers: { 'X-RestSvcSessionId': token, Accept: accept } });
      const b = new Uint8Array(await r.arrayBuffer());
      const t1 = performance.now();
      let t2 = t1;
      if (accept.includes('xml')) { decode(b, { root: 'QueryResult' }); t2 = performance.now(); }
      else { JSON.parse(new TextDecoder().decode(b)); t2 = performance.now(); }
      console.log(accept, b.length, 'fetch', (t1 - t).toFixed(1), 'decode', (t2 - t1).toFixed(1));
    }
  }
} finally { await em.close(); }
