import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ownString } from '@vbem/model';
import { describe, expect, it } from 'vitest';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsedAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('ownString', () => {
  it('returns the same text, whatever characters it holds', () => {
    const page = `<x>${'a'.repeat(100)}Backup "Job" \\ é 😀 \u0000 end</x>`;
    const slice = page.slice(3, -4);
    expect(ownString(slice)).toBe(slice);
    expect(ownString('')).toBe('');
    expect(ownString('a')).toBe('a');
  });

  it('does not keep the string it was cut from alive', () => {
    const before = heapUsedAfterGc();
    const copies = (() => {
      // Built at run time, so that it is a string of its own on the heap, not a literal.
      const page = `<Name>${'x'.repeat(32)}</Name>${'y'.repeat(40_000_000)}`;
      return [ownString(page.slice(6, 38)), ownString(page.slice(6, 7))];
    })();
    const held = heapUsedAfterGc() - before;
    expect(copies).toEqual(['x'.repeat(32), 'x']);
    // The page was 40 MB; its copies are a few dozen bytes.
    expect(held).toBeLessThan(10_000_000);
  });
});
