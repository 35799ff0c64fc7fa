import { describe, expect, it, vi } from 'vitest';
import type { QueryField } from '../src/query/query-field.js';
import { SortKeys } from '../src/query/sort-keys.js';
import { COMPARISONS_PER_STEP, ranksOf } from '../src/query/string-ranks.js';

// Every string comparison counted, so that a test can see how many one step of a sort makes.
const comparisons = vi.hoisted(() => ({ count: 0 }));
vi.mock('../src/query/sort-rows.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/query/sort-rows.js')>();
  return {
    ...original,
    compareIgnoringCase: (a: string, b: string) => {
      comparisons.count++;
      return original.compareIgnoringCase(a, b);
    },
  };
});

describe('the ranks of strings', () => {
  it('follow EM case-insensitive order, equal strings sharing one', () => {
    expect([...ranksOf(['b', 'A', 'a', 'C', 'ä', 'B'])]).toEqual([1, 0, 0, 2, 3, 1]);
    expect([...ranksOf([])]).toEqual([]);
    expect([...ranksOf(['only'])]).toEqual([0]);
  });

  it('of a text field with many distinct values are made in steps: no step makes more than a few thousand comparisons', () => {
    // 60,000 rows, 30,000 distinct reasons, each twice, in no order.
    const reasons = Array.from(
      { length: 60_000 },
      (_, row) => `Reason ${((row * 7919) % 30_000).toString(36)} of ${row % 2 ? 'VM' : 'vm'}`,
    );
    const field: QueryField<number> = {
      name: 'Reason',
      kind: 'string',
      get: (row) => reasons[row],
    };
    const keys = new SortKeys(field);
    for (let row = 0; row < reasons.length; row++) keys.add(row);
    comparisons.count = 0;
    const steps = keys.orderSteps(false);
    let longestStep = 0;
    let order: Uint32Array | undefined;
    for (;;) {
      const before = comparisons.count;
      const step = steps.next();
      longestStep = Math.max(longestStep, comparisons.count - before);
      if (step.done) {
        order = step.value;
        break;
      }
    }
    // Some 400,000 comparisons in all, none made in one step with more than its share.
    expect(comparisons.count).toBeGreaterThan(10 * COMPARISONS_PER_STEP);
    expect(longestStep).toBeLessThanOrEqual(COMPARISONS_PER_STEP);
    const sorted = [...order].map((row) => (reasons[row] as string).toLowerCase());
    expect(sorted).toEqual([...sorted].sort());
    // Equal keys keep the order rows were added in.
    const first = sorted.indexOf(sorted[0] as string);
    expect(order[first]).toBeLessThan(order[first + 1] as number);
  });
});
