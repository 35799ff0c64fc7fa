import { describe, expect, it } from 'vitest';
import { basic, emulatorForTest, logOn } from './emulator-harness.js';

/** The method a link advertises by its Rel, as EM's docs pair them. */
function methodOf(rel: string | undefined): string {
  if (rel === 'Delete') return 'DELETE';
  if (rel === 'Edit') return 'PUT';
  const reads = ['Up', 'Down', 'Alternate', 'Related', 'First', 'Previous', 'Next', 'Last'];
  return rel === undefined || reads.includes(rel) ? 'GET' : 'POST';
}

// Links the documented entities carry into EM's management API, which the emulator does not
// serve (README: "Not served"): editing and deleting servers and jobs, job actions, the
// infrastructure below a backup server, and a copy job's links (no model root for them).
const NOT_SERVED = [
  /^(PUT|DELETE) backupServers\/\{id\}$/,
  /^GET backupServers\/\{id\}\/(managedServers|repositories|credentials|passwords)$/,
  /^POST backupServers\/\{id\}\/(credentials|passwords)\?action=create$/,
  /^POST backupServers\/\{id\}\?action=(veeamzip|quickbackup|collect)$/,
  /^PUT jobs\/\{id\}$/,
  /^POST jobs\/\{id\}\?action=(clone|toggleScheduleEnabled|start|stop|retry|sync)$/,
  /^POST jobs\/\{id\}\/(includes|linkedJobs|linkedBackupRepositories)$/,
  /^GET jobs\/\{id\}\/(linkedJobs|linkedBackupRepositories)$/,
];

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** `<Element Attr="…" …>` tags of an XML body, with their attributes unescaped. */
function tagsOf(xml: string): { element: string; attributes: Record<string, string> }[] {
  return [...xml.matchAll(/<(\w+) ([^>]*?)\/?>/g)].map((match) => ({
    element: match[1] as string,
    attributes: Object.fromEntries(
      [...(match[2] as string).matchAll(/(\w+)="([^"]*)"/g)].map((attribute) => [
        attribute[1] as string,
        (attribute[2] as string).replaceAll('&amp;', '&'),
      ]),
    ),
  }));
}

describe('links: every Href the emulator writes answers its advertised method', () => {
  it('crawls from the API root and the logon session: no 404 or 405 but the documented gaps', async () => {
    // Every job has a session running, so that stop links lead to real stops and tasks.
    const emulator = await emulatorForTest({ dataset: { days: 3, runningSessions: 10 } });
    const token = await logOn(emulator);
    const api = `${emulator.url}/api/`;
    // Reads first, then actions, then deletions, the logon session's own last.
    const rankOf = (method: string, path: string) =>
      method === 'GET' ? 0 : method !== 'DELETE' ? 1 : path.startsWith('logonSessions') ? 3 : 2;
    const pending: [string, string][][] = [[], [], [], []];
    const visits = new Map<string, number>();
    const failures: string[] = [];
    const gaps = new Set<string>();
    const queued = new Set<string>();
    const enqueue = (method: string, href: string) => {
      expect(href.startsWith(api), href).toBe(true);
      const path = href.slice(api.length);
      if (queued.has(`${method} ${path}`)) return;
      queued.add(`${method} ${path}`);
      const shape = `${method} ${path
        .replace(GUID, '{id}')
        .replace(/task-\d+/, 'task-{n}')
        .replace(/page=\d+/, 'page={n}')}`;
      const seen = visits.get(shape) ?? 0;
      // A dozen of each shape: every job's entity, a few sessions of each kind.
      if (seen >= 12) return;
      visits.set(shape, seen + 1);
      pending[rankOf(method, path)]?.push([method, path]);
    };
    enqueue('GET', api);
    enqueue('GET', `${api}logonSessions`);
    let requests = 0;
    for (;;) {
      // Always the lowest rank waiting: a stop's Task brings a new Delete link.
      const queue = pending.find((waiting) => waiting.length > 0);
      if (!queue) break;
      const [method, path] = queue.shift() as [string, string];
      const shape = `${method} ${path.replace(GUID, '{id}')}`;
      if (NOT_SERVED.some((pattern) => pattern.test(shape))) {
        gaps.add(shape);
        continue;
      }
      const logon = method === 'POST' && path.startsWith('sessionMngr');
      const response = await fetch(`${api}${path}`, {
        method,
        headers: logon ? { Authorization: basic() } : { 'X-RestSvcSessionId': token },
      });
      requests++;
      const body = await response.text();
      if (response.status === 404 || response.status === 405 || response.status >= 500)
        failures.push(`${response.status} ${shape}`);
      for (const { element, attributes } of tagsOf(body)) {
        if (!attributes.Href) continue;
        enqueue(element === 'Link' ? methodOf(attributes.Rel) : 'GET', attributes.Href);
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(100);
    for (const reached of [
      'GET querySvc',
      'GET backupServers/{id}/jobs',
      'GET jobs/{id}/includes/{id}',
      'DELETE tasks/task-{n}',
      'DELETE logonSessions/{id}',
    ])
      expect([...visits.keys()], reached).toContain(reached);
    // Each documented gap is still one the emulator writes, or it would be listed for nothing.
    for (const pattern of NOT_SERVED)
      expect(
        [...gaps].some((gap) => pattern.test(gap)),
        String(pattern),
      ).toBe(true);
  });
});
