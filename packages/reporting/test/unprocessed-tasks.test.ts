import { describe, expect, it } from 'vitest';
import type { ReportTaskSession } from '../src/report-input.js';
import { MAX_HELD_TASKS, UnprocessedTasks } from '../src/unprocessed-tasks.js';
import type { VmAggregate } from '../src/vm-aggregate.js';

/** A VM that records the runs added to it, by UID. */
function recordingVm(added: string[]): VmAggregate {
  return { add: (run: ReportTaskSession) => added.push(run.UID) } as unknown as VmAggregate;
}
const run = (uid: string) => ({ UID: uid }) as ReportTaskSession;

describe('UnprocessedTasks', () => {
  it('counts the tasks held at the end, in the order held, but those a finished copy dropped', () => {
    const added: string[] = [];
    const held = new UnprocessedTasks('successOnly' as never);
    const vm = recordingVm(added);
    for (const uid of ['a', 'b', 'c']) held.hold(uid, vm, run(uid));
    held.drop('b');
    // Held again (a later running copy): counted once, as its latest copy, after the others.
    held.hold('a', vm, run('a'));
    expect(added).toEqual([]);
    held.releaseAll();
    expect(added).toEqual(['c', 'a']);
  });

  it(`holds at most ${MAX_HELD_TASKS}: past that, the one held longest counts at once`, () => {
    const added: string[] = [];
    const held = new UnprocessedTasks('successOnly' as never);
    const vm = recordingVm(added);
    for (let index = 0; index <= MAX_HELD_TASKS; index++)
      held.hold(`t${index}`, vm, run(`t${index}`));
    expect(added).toEqual(['t0']);
    held.releaseAll();
    expect(added).toHaveLength(MAX_HELD_TASKS + 1);
  });
});
