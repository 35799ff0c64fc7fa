import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, get, logOn } from './emulator-harness.js';

describe('a filter date that is not UTC', () => {
  it('is answered 400 with an Error naming it, as any bad filter value; Z and a date alone are taken', async () => {
    const emulator = await emulatorForTest();
    const token = await logOn(emulator);
    const answer = async (value: string) => {
      const response = await get(
        emulator,
        `query?type=BackupJobSession&filter=${encodeURIComponent(`CreationTime>=${value}`)}`,
        token,
      );
      return { status: response.status, text: await response.text() };
    };
    for (const value of ['"2025-08-15T08:00:00+02:00"', '"2025-08-15T06:00:00"']) {
      const { status, text } = await answer(value);
      expect(status, value).toBe(400);
      expect(decode(text, { root: 'Error' }).value.Message, value).toContain(
        `invalid value ${value} for CreationTime`,
      );
    }
    expect((await answer('"2025-08-15T06:00:00Z"')).status).toBe(200);
    expect((await answer('"2025-08-15"')).status).toBe(200);
  });
});
