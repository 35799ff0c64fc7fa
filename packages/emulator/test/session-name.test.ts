import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { sessionName } from '../src/representation/session-name.js';
import { emulatorForTest, get, logOn } from './emulator-harness.js';

const at = (iso: string) => Date.parse(iso);

describe('sessionName', () => {
  it.each([
    ['2025-08-16T05:17:38.221Z', 'Job@2025-08-16 05:17:38.221'],
    ['2025-08-16T05:17:38.220Z', 'Job@2025-08-16 05:17:38.22'],
    ['2025-08-16T05:17:38.500Z', 'Job@2025-08-16 05:17:38.5'],
    ['2025-08-15T20:00:24.003Z', 'Job@2025-08-15 20:00:24.003'],
    ['2025-08-16T05:17:38.000Z', 'Job@2025-08-16 05:17:38'],
    ['2025-08-16T05:17:38.221Z', 'Job@2025-08-16 05:17:38.22142', 0.42],
    ['2026-06-16T06:33:10.659Z', 'Job@2026-06-16 06:33:10.659559', 0.559],
    ['2025-08-15T20:00:24.003Z', 'Job@2025-08-15 20:00:24.003406', 0.406],
    ['2025-08-15T20:00:24.000Z', 'Job@2025-08-15 20:00:24.000001', 0.001],
    ['2025-08-15T20:00:24.999Z', 'Job@2025-08-15 20:00:24.9999', 0.9],
  ])(
    'EM 13 trims the fraction of %s to its last significant digit, as the docs sample "…05:17:38.22142"',
    (time, name, microseconds = 0) => {
      expect(sessionName('Job', at(time) + microseconds, 13)).toBe(name);
    },
  );

  it('EM 12 writes whole seconds', () => {
    expect(sessionName('Job', at('2025-08-16T05:17:38.221Z'), 12)).toBe('Job@2025-08-16 05:17:38');
    expect(sessionName('Job', at('2025-08-16T05:17:38.999Z') + 0.999, 12)).toBe(
      'Job@2025-08-16 05:17:38',
    );
  });

  it('no name the emulator serves ends its fraction with a zero', async () => {
    const emulator = await emulatorForTest({ emVersion: 13 });
    const token = await logOn(emulator);
    const { value } = decode(
      await (await get(emulator, 'query?type=BackupJobSession&format=Entities', token)).text(),
      { root: 'QueryResult' },
    );
    const names = (value.Entities?.BackupJobSessions?.BackupJobSessions ?? []).map(
      (session) => session.Name,
    );
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter((name) => /\.\d*0$/.test(name))).toEqual([]);
  });
});
