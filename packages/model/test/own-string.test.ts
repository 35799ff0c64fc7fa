import { ownString } from '@vbem/model';
import { describe, expect, it } from 'vitest';

describe('ownString', () => {
  it('returns the same text, whatever characters it holds', () => {
    const page = `<x>${'a'.repeat(100)}Backup "Job" \\ é 😀 \u0000 end</x>`;
    const slice = page.slice(3, -4);
    expect(ownString(slice)).toBe(slice);
    expect(ownString('')).toBe('');
  });
});
