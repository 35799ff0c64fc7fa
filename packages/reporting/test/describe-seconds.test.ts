import { describe, expect, it } from 'vitest';
import { describeSeconds } from '../src/describe-seconds.js';

describe('describeSeconds', () => {
  it('reads seconds, minutes, hours up to three days, then days, to one decimal', () => {
    expect(describeSeconds(45)).toBe('45 s');
    expect(describeSeconds(90)).toBe('1.5 min');
    expect(describeSeconds(86_400)).toBe('24 h');
    expect(describeSeconds(172_800)).toBe('48 h');
    expect(describeSeconds(7 * 86_400)).toBe('7 d');
  });

  it('chooses the unit after rounding: never 60 s, 60 min or 72 h', () => {
    expect(describeSeconds(59.96)).toBe('1 min');
    expect(describeSeconds(59.94)).toBe('59.9 s');
    expect(describeSeconds(3_599.9)).toBe('1 h');
    expect(describeSeconds(259_199)).toBe('3 d');
  });
});
