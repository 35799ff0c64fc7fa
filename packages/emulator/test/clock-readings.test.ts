import { runInNewContext } from 'node:vm';
import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { ClockReadingError } from '../src/index.js';
import { basic, emulatorForTest, get, logOn, NOW } from './emulator-harness.js';

/** An emulator whose clock returns `clock.reading`, with its warnings kept. */
async function emulatorWithClock() {
  const clock: { reading: unknown } = { reading: NOW };
  const warnings: string[] = [];
  const emulator = await emulatorForTest({
    now: () => clock.reading as Date,
    onWarning: (message) => warnings.push(message),
  });
  return { emulator, clock, warnings };
}

const messageOf = async (response: Response) =>
  decode(await response.text(), { root: 'Error' }).value.Message;

describe('every reading of the now clock is checked, not only the first', () => {
  it('a reading that is no valid Date answers 500 naming it, and is reported once while it lasts', async () => {
    const { emulator, clock, warnings } = await emulatorWithClock();
    const token = await logOn(emulator);
    clock.reading = new Date(Number.NaN);
    const logon = await fetch(`${emulator.url}/api/sessionMngr/?v=latest`, {
      method: 'POST',
      headers: { Authorization: basic() },
    });
    expect(logon.status).toBe(500);
    expect(await messageOf(logon)).toBe(
      "The emulator's now() returned no valid Date: got Invalid Date.",
    );
    const jobs = await get(emulator, 'jobs', token);
    expect(jobs.status).toBe(500);
    await jobs.text();
    expect(warnings).toEqual([
      "vbem emulator: The emulator's now() returned no valid Date: got Invalid Date.",
    ]);
    expect(() => emulator.stats()).toThrow(ClockReadingError);

    clock.reading = '2026-11-20T12:00:00Z';
    const query = await get(emulator, 'query?type=Job', token);
    expect(query.status).toBe(500);
    expect(await messageOf(query)).toBe(
      'The emulator\'s now() returned no valid Date: got "2026-11-20T12:00:00Z".',
    );
    expect(warnings).toHaveLength(1);

    // Good again, the same logon session still open; a later bad reading is reported again.
    clock.reading = NOW;
    expect((await get(emulator, 'jobs', token)).status).toBe(200);
    clock.reading = undefined;
    expect((await get(emulator, 'jobs', token)).status).toBe(500);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain('got undefined');
  });

  it('answers the bad reading, not the onWarning that throws on hearing of it', async () => {
    const clock: { reading: unknown } = { reading: NOW };
    const emulator = await emulatorForTest({
      now: () => clock.reading as Date,
      onWarning: (message) => {
        throw new Error(`warnings are failures: ${message}`);
      },
    });
    const token = await logOn(emulator);
    clock.reading = new Date(Number.NaN);
    const jobs = await get(emulator, 'jobs', token);
    expect(jobs.status).toBe(500);
    expect(await messageOf(jobs)).toBe(
      "The emulator's now() returned no valid Date: got Invalid Date.",
    );
  });

  it('takes a Date of another realm, as at start', async () => {
    const { emulator, clock, warnings } = await emulatorWithClock();
    clock.reading = runInNewContext(`new Date(${NOW.getTime()})`);
    const token = await logOn(emulator);
    expect((await get(emulator, 'backupSessions', token)).status).toBe(200);
    expect(warnings).toEqual([]);
  });
});

describe('the Date header', () => {
  it("is the emulator's clock, as EM's is its own: a client sees the skew of a fixed now", async () => {
    const { emulator, clock } = await emulatorWithClock();
    const first = await fetch(`${emulator.url}/api/`);
    await first.text();
    expect(first.headers.get('date')).toBe(NOW.toUTCString());
    clock.reading = new Date('2026-11-20T06:00:00Z');
    const later = await fetch(`${emulator.url}/api/`);
    await later.text();
    expect(later.headers.get('date')).toBe('Fri, 20 Nov 2026 06:00:00 GMT');
  });
});
