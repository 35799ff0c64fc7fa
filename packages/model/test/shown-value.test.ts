import { runInNewContext } from 'node:vm';
import { shownValue } from '@vbem/model';
import { describe, expect, it } from 'vitest';

describe('shownValue', () => {
  it('quotes text, so that "5" and 5 read differently, and cuts it at 80 characters with …', () => {
    expect(shownValue('5')).toBe('"5"');
    expect(shownValue(5)).toBe('5');
    expect(shownValue('x'.repeat(80))).toBe(`"${'x'.repeat(80)}"`);
    expect(shownValue('x'.repeat(81))).toBe(`"${'x'.repeat(80)}…"`);
    expect(shownValue('a"\nb')).toBe('"a\\"\\nb"');
  });

  it('names objects by their kind, never as [object Object]', () => {
    expect(shownValue(null)).toBe('null');
    expect(shownValue(undefined)).toBe('undefined');
    expect(shownValue({ password: 'hunter2' })).toBe('an object');
    expect(shownValue([1])).toBe('an array');
    expect(shownValue(() => 1)).toBe('a function');
    expect(shownValue(10n)).toBe('10n');
    expect(shownValue(new Date(0))).toBe('the Date 1970-01-01T00:00:00.000Z');
    expect(shownValue(new Date(Number.NaN))).toBe('Invalid Date');
    expect(shownValue(runInNewContext('new Date(0)'))).toBe('the Date 1970-01-01T00:00:00.000Z');
  });
});
