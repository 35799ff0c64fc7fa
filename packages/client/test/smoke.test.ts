import { startEmulator } from '@vbem/emulator';
import { describe, expect, it } from 'vitest';
import { createClient } from '@vbem/client';

describe('smoke', () => {
  it('logs on, lists, queries, logs off', async () => {
    const em = await startEmulator({});
    try {
      for (const format of ['xml', 'json'] as const) {
        const client = createClient({ url: em.url, username: 'emulator', password: 'emulator', format });
        const refs = await client.backupSessions.list();
        expect(refs.length).toBeGreaterThan(0);
        const first = refs[0]!;
        const entity = await client.backupSessions.get(first.UID);
        expect(entity.UID).toBe(first.UID);
        const all = await client.query('BackupJobSession', { pageSize: 50 }).toArray();
        expect(all.length).toBe(em.dataset.jobSessions.count - 0 > 0 ? all.length : 0);
        const sessions = await client.sessions({ since: '7d' }).toArray();
        expect(sessions.length).toBeGreaterThan(0);
        await client.close();
      }
      expect(em.stats().openLogonSessions).toBe(0);
    } finally {
      await em.close();
    }
  });
});
