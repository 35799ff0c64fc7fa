import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli-error.js';
import { secondsOf } from '../src/option-values.js';
import { timeLimitOf } from '../src/time-limit.js';

const TIMEOUT = { min: 0, max: 2_147_483, aboveMin: true, fractions: true };

describe('timeLimitOf (--time-limit): the syntax of --timeout, from 1 s to a day', () => {
  it.each([
    ['35', 35],
    ['2.5', 2.5],
    ['1.5s', 1.5],
    ['2s', 2],
    ['90s', 90],
    ['2m', 120],
    ['1h', 3_600],
    ['24h', 86_400],
    ['1d', 86_400],
  ])('%j is %d s', (value, seconds) => {
    expect(timeLimitOf({ timeLimit: value })).toBe(seconds);
  });

  it('is undefined when the flag is absent', () => {
    expect(timeLimitOf({})).toBeUndefined();
  });

  it.each([
    ['0', /"0" is not from 1 to 86400 seconds/],
    ['0s', /"0s" is not from 1 to 86400 seconds/],
    ['86401', /"86401" is not from 1 to 86400 seconds/],
    ['25h', /"25h" is not from 1 to 86400 seconds/],
    ['2x', /"2x" is not a number of seconds \(35, 90s\) or a duration \(5m, 1h\)/],
    ['0.5', /"0.5" is not from 1 to 86400 seconds/],
    ['1e3', /"1e3" is not a number of seconds/],
    ['-2', /"-2" is not a number of seconds/],
    [' 2s', /" 2s" is not a number of seconds/],
    ['', /"" is not a number of seconds/],
  ])('%j is a usage error that names the flag', (value, message) => {
    const attempt = () => timeLimitOf({ timeLimit: value });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(new RegExp(`^--time-limit: ${message.source}`));
  });
});

describe('secondsOf (--timeout): the same syntax, with fractions, above 0', () => {
  it.each([
    ['30', 30],
    ['2.5', 2.5],
    ['3s', 3],
    ['0.5s', 0.5],
    ['2m', 120],
    ['1h', 3_600],
  ])('%j is %d s', (value, seconds) => {
    expect(secondsOf('--timeout', value, TIMEOUT)).toBe(seconds);
  });

  it.each([
    ['0', /"0" is not above 0 and at most 2147483 seconds/],
    ['0s', /"0s" is not above 0 and at most 2147483 seconds/],
    ['4w', /"4w" is not above 0 and at most 2147483 seconds/],
    ['3x', /"3x" is not a number of seconds \(35, 90s\) or a duration \(5m, 1h\)/],
    ['1e3', /"1e3" is not a number of seconds/],
    ['-1', /"-1" is not a number of seconds/],
  ])('%j is a usage error that names the flag', (value, message) => {
    const attempt = () => secondsOf('--timeout', value, TIMEOUT);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(new RegExp(`^--timeout: ${message.source}`));
  });
});
