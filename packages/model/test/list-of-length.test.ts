import { describe, expect, it } from 'vitest';
import { listOfLength } from '../src/json/json-read-values.js';

describe('listOfLength (the arrays the generated readers fill)', () => {
  it('gives an array of the length asked for, literal or not', () => {
    for (let length = 0; length <= 12; length++) {
      const list = listOfLength(length);
      expect(Array.isArray(list)).toBe(true);
      expect(list.length).toBe(length);
      expect(list.every((item) => item === undefined)).toBe(true);
    }
  });

  it('gives a new array on every call: a filled list never shows up in the next', () => {
    for (let length = 1; length <= 12; length++) {
      const first = listOfLength(length);
      first[0] = 'filled';
      first.push('pushed');
      const second = listOfLength(length);
      expect(second).not.toBe(first);
      expect(second.length).toBe(length);
      expect(second[0]).toBeUndefined();
    }
  });
});
