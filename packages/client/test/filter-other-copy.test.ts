import { ClientOptionsError, where } from '@vbem/client';
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
