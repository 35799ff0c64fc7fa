import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../src/index.js';
import { SESSION_LIST_WINDOW_MS } from '../src/session-list-window.js';
import { emulatorForTest, get, logOn } from './emulator-harness.js';

const DATASET_END = new Date('2025-06-15T12:00:00Z');

/** Every task session UID a body names, sorted: a UID appears once per item in lists and queries. */
const taskUidsIn = (body: string, kind: 'Backup' | 'Replica') =>
  [...body.matchAll(new RegExp(`urn:veeam:${kind}TaskSession:[0-9a-f-]+`, 'g'))]
    .map(([uid]) => uid)
    .sort();

async function windowedEmulator() {
  const clock = { now: new Date('2025-07-10T00:00:00Z') };
  const emulator = await emulatorForTest({
    now: () => clock.now,
    onWarning() {},
    dataset: { seed: 5, jobs: 24, days: 45, now: DATASET_END },
  });
  return { emulator, clock, token: await logOn(emulator) };
}

/** Checks every task-session list of one family against the query by CreationTime at `reading`. */
async function expectListsAsQuery(
  emulator: RunningEmulator,
  token: string,
  reading: Date,
  kind: 'Backup' | 'Replica',
) {
  const since = new Date(reading.getTime() - SESSION_LIST_WINDOW_MS).toISOString();
  const filter = encodeURIComponent(
    `CreationTime>="${since}";CreationTime<="${reading.toISOString()}"`,
  );
  const queried = taskUidsIn(
    await (await get(emulator, `query?type=${kind}TaskSession&filter=${filter}`, token)).text(),
    kind,
  );
  expect(queried.length, `the ${kind}TaskSession query`).toBeGreaterThan(0);
  const list = kind === 'Backup' ? 'backupTaskSessions' : 'replicaTaskSessions';
  for (const path of [list, `${list}?format=Entity`])
    for (const accept of ['application/xml', 'application/json'])
      expect(
        taskUidsIn(await (await get(emulator, path, token, accept)).text(), kind),
        `${path} as ${accept}`,
      ).toEqual(queried);
}

describe('task-session lists: the task sessions created in the last 30 days, by their own creation', () => {
  it('holds the tasks created inside the window whose job session was created before it', async () => {
    const { emulator, clock, token } = await windowedEmulator();
    const since = clock.now.getTime() - SESSION_LIST_WINDOW_MS;
    const table = emulator.dataset.jobSessions;
    // The session created 2025-06-09 23:51, whose last tasks were created after midnight.
    const straddling = [...Array(table.count).keys()].filter((row) => {
      const created = emulator.dataset.taskSessionsOf(row).map((task) => task.creationTime);
      return (table.creationTime[row] as number) < since && created.some((time) => time >= since);
    });
    expect(straddling.length).toBeGreaterThan(0);
    await expectListsAsQuery(emulator, token, clock.now, 'Backup');
    await expectListsAsQuery(emulator, token, clock.now, 'Replica');
  });

  it('agrees with the query when the window starts between the tasks of one session', async () => {
    const { emulator, clock } = await windowedEmulator();
    const table = emulator.dataset.jobSessions;
    for (const kind of ['Backup', 'Replica'] as const) {
      const row = [...Array(table.count).keys()].find((candidate) => {
        const job = emulator.dataset.jobs[table.jobIndex[candidate] as number];
        return (
          (kind === 'Replica') === (job?.jobType === 'Replica') &&
          emulator.dataset.taskSessionsOf(candidate).length > 2 &&
          (table.creationTime[candidate] as number) > DATASET_END.getTime() - 40 * 86_400_000
        );
      }) as number;
      const tasks = emulator.dataset.taskSessionsOf(row);
      const times = tasks.map((task) => task.creationTime).sort((a, b) => a - b);
      // The window starts at the second task's millisecond: the first is out, the rest in.
      const start = Math.floor(times[1] as number);
      expect(times[0] as number).toBeLessThan(start);
      clock.now = new Date(start + SESSION_LIST_WINDOW_MS);
      // A logon session idle for the clock's jump has expired.
      const token = await logOn(emulator);
      await expectListsAsQuery(emulator, token, clock.now, kind);
      const ofSession = `${kind === 'Backup' ? 'backupSessions' : 'replicaSessions'}/${table.id(row)}/${kind === 'Backup' ? 'taskSessions' : 'replicaTaskSessions'}`;
      const inWindow = tasks
        .filter((task) => task.creationTime >= start)
        .map((task) => `urn:veeam:${kind}TaskSession:${task.id}`)
        .sort();
      expect(inWindow.length).toBeGreaterThan(0);
      expect(inWindow.length).toBeLessThan(tasks.length);
      for (const path of [ofSession, `${ofSession}?format=Entity`])
        for (const accept of ['application/xml', 'application/json'])
          expect(
            taskUidsIn(await (await get(emulator, path, token, accept)).text(), kind),
            `${path} as ${accept}`,
          ).toEqual(inWindow);
    }
  });
});
