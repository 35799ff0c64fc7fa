import { ClientOptionsError, type Filter, FilterError, where } from '@vbem/client';
import type { RunningEmulator } from '@vbem/emulator';
import { describe, expect, it, vi } from 'vitest';
import { clientOf, useEmulator } from './helpers/emulator.js';

let em: RunningEmulator;
useEmulator((running) => {
  em = running;
});

// Two copies of @vbem/client in one process (a dual CommonJS/ESM install, two versions, another
// realm) each have their own Filter class: instanceof refuses the other copy's filters.
async function otherCopy(): Promise<typeof import('@vbem/client')> {
  vi.resetModules();
  return import('@vbem/client');
}

describe("query()'s filter built by another copy of @vbem/client", () => {
  it('is taken as a Filter, and sent as its text', async () => {
    const copy = await otherCopy();
    const client = clientOf(em);
    const named = (await client.jobs.list())[0]?.Name ?? '';
    const filter = copy.where<'Job'>('Name', '==', named);
    expect(filter).not.toBeInstanceOf(where('Name', '==', named).constructor);
    const jobs = await client.query('Job', { filter }).toArray();
    expect(jobs.map((job) => job.Name)).toEqual([named]);
    await client.close();
  });

  it('is told apart from a plain object, which is still refused', async () => {
    const client = clientOf(em);
    const lookalike = { toString: () => 'Name=="x"' };
    expect(() => client.query('Job', { filter: lookalike as never })).toThrow(
      new ClientOptionsError(
        'filter must be a string or a Filter (from where or anyOf), got an object',
      ),
    );
    await client.close();
  });
});

describe('and() and or() given a filter built by another copy of @vbem/client', () => {
  type Build = (b: Filter, c: Filter) => Filter;
  const a = where('Result', '==', 'Failed');
  const cases: [string, Build][] = [
    ['Result==Failed;State==Stopped', (b) => a.and(b)],
    ['Result==Failed,State==Stopped', (b) => a.or(b)],
    ['Result==Failed;(State==Stopped,IsRetry==true)', (b, c) => a.and(b.or(c))],
    ['Result==Failed,(State==Stopped;IsRetry==true)', (b, c) => a.or(b.and(c))],
    ['Result==Failed;State==Stopped;IsRetry==true', (b, c) => a.and(b.and(c))],
    ['Result==Failed,State==Stopped,IsRetry==true', (b, c) => a.or(b.or(c))],
    [
      '(Result==Failed,State==Stopped);(State==Stopped,IsRetry==true)',
      (b, c) => a.or(b).and(b.or(c)),
    ],
    [
      'Result==Failed;((State==Stopped;IsRetry==true),IsRetry==true)',
      (b, c) => a.and(b.and(c).or(c)),
    ],
  ];

  it.each(cases)(
    'join it with the grouping it has, as one of their own: %s',
    async (text, build) => {
      const copy = await otherCopy();
      const [b, c] = [copy.where('State', '==', 'Stopped'), copy.where('IsRetry', '==', true)];
      expect(b).not.toBeInstanceOf(a.constructor);
      expect(build(where('State', '==', 'Stopped'), where('IsRetry', '==', true)).toString()).toBe(
        text,
      );
      expect(build(b, c).toString()).toBe(text);
    },
  );

  it('keep its quoted values whole, separators and parentheses in them included', async () => {
    const copy = await otherCopy();
    const name = 'a;b,(c) "d"';
    const other = copy.where<'Job'>('Name', '==', name).or('Name', '==', ')(');
    const filter = where<'Job'>('Name', '!=', 'x').and(other);
    expect(filter.toString()).toBe('Name!="x";(Name=="a;b,(c) ""d""",Name==")(")');
    const client = clientOf(em);
    expect(await client.query('Job', { filter }).toArray()).toEqual([]);
    await client.close();
  });

  it('still refuse a plain object that only looks like a filter', () => {
    const lookalike = { toString: () => 'Name=="x"' };
    expect(() => a.and(lookalike as never)).toThrow(FilterError);
    expect(() => a.or(lookalike as never)).toThrow(FilterError);
  });
});
