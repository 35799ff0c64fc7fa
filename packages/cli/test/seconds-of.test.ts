import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli-error.js';
import { secondsOf } from '../src/option-values.js';

describe('secondsOf (check --time-limit)', () => {
  it.each([
    ['35', 35],
    ['2s', 2],
    ['90s', 90],
    ['2m', 120],
    ['1h', 3_600],
    ['24h', 86_400],
    ['1d', 86_400],
  ])('%j is %i s', (value, seconds) => {
    expect(secondsOf('--time-limit', value, 1, 86_400)).toBe(seconds);
  });

  it('is undefined when the flag is absent', () => {
    expect(secondsOf('--time-limit', undefined, 1, 86_400)).toBeUndefined();
  });

  it.each([
    ['0', /"0" is not from 1 to 86400 seconds/],
    ['0s', /"0s" is not from 1 to 86400 seconds/],
    ['86401', /"86401" is not from 1 to 86400 seconds/],
    ['25h', /"25h" is not from 1 to 86400 seconds/],
    ['2x', /"2x" is not a number of seconds \(35, 90s\) or a duration \(5m, 1h\)/],
    ['1.5', /"1.5" is not a number of seconds/],
    ['-2', /"-2" is not a number of seconds/],
    [' 2s', /" 2s" is not a number of seconds/],
    ['', /"" is not a number of seconds/],
  ])('%j is a usage error that names the flag', (value, message) => {
    const attempt = () => secondsOf('--time-limit', value, 1, 86_400);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(new RegExp(`^--time-limit: ${message.source}`));
  });
});
