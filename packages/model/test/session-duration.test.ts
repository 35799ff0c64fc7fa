import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  hasPlaceholderEnd,
  InvalidDateError,
  isFinishedState,
  isPlaceholderEnd,
  isRunning,
  isRunningState,
  type SessionTimes,
  sessionDuration,
  VbemError,
} from '../src/index.js';

const start = new Date('2025-09-24T20:00:09.607Z');

describe('session duration', () => {
  it('measures a finished session from creation to end', () => {
    const session = { CreationTimeUTC: start, EndTimeUTC: new Date('2025-09-24T20:02:54.717Z') };
    expect(isRunning(session)).toBe(false);
    expect(sessionDuration(session)).toEqual({ running: false, durationMs: 165_110 });
  });

  it('tells a running session apart and measures it against now', () => {
    const session = { CreationTimeUTC: start };
    expect(isRunning(session)).toBe(true);
    expect(sessionDuration(session, new Date('2025-09-24T21:00:09.607Z'))).toEqual({
      running: true,
      elapsedMs: 3_600_000,
    });
  });

  it('never goes negative under clock skew', () => {
    expect(sessionDuration({ CreationTimeUTC: start }, new Date('2025-09-24T19:59:00Z'))).toEqual({
      running: true,
      elapsedMs: 0,
    });
    const endBeforeStart = { CreationTimeUTC: start, EndTimeUTC: new Date('2025-09-24T20:00:00Z') };
    // No measurement either: the end is marked unknown.
    expect(sessionDuration(endBeforeStart)).toEqual({
      running: false,
      durationMs: 0,
      endUnknown: true,
    });
    const endAtStart = { CreationTimeUTC: start, EndTimeUTC: start };
    expect(sessionDuration(endAtStart)).toEqual({ running: false, durationMs: 0 });
  });

  it("takes VBR's 1900-01-01 end of a session with no result yet for no end, not for a 0 s run", () => {
    const placeholder = new Date('1900-01-01T00:00:00Z');
    const working = { CreationTimeUTC: start, EndTimeUTC: placeholder, Result: 'None' };
    expect(hasPlaceholderEnd(working)).toBe(true);
    expect(isRunning(working)).toBe(true);
    expect(sessionDuration(working, new Date('2025-09-24T21:00:09.607Z'))).toEqual({
      running: true,
      elapsedMs: 3_600_000,
    });
    // On times already read: a result from a newer EM is not final either.
    expect(isPlaceholderEnd(placeholder.getTime(), start.getTime(), 'Paused')).toBe(true);
    expect(isPlaceholderEnd(placeholder.getTime(), start.getTime(), 'Warning')).toBe(false);
    expect(isPlaceholderEnd(start.getTime(), start.getTime(), 'None')).toBe(false);
    // A final result keeps the session finished, skewed end or not; so does a result not given.
    // Such an end measures nothing.
    for (const session of [
      { ...working, Result: 'Failed' },
      { CreationTimeUTC: start, EndTimeUTC: placeholder },
    ]) {
      expect(hasPlaceholderEnd(session)).toBe(false);
      expect(sessionDuration(session)).toEqual({
        running: false,
        durationMs: 0,
        endUnknown: true,
      });
    }
  });

  it('takes a running State for running, whatever the end and result', () => {
    const now = new Date('2025-09-24T21:00:09.607Z');
    for (const [State, Result] of [
      ['Working', 'Success'],
      ['Stopping', 'Failed'],
      ['InProgress', 'Warning'],
      ['Pending', 'None'],
    ] as const) {
      const session = {
        CreationTimeUTC: start,
        EndTimeUTC: new Date('1900-01-01T00:00:00Z'),
        State,
        Result,
      };
      expect(hasPlaceholderEnd(session)).toBe(true);
      expect(isRunning(session)).toBe(true);
      expect(sessionDuration(session, now)).toEqual({ running: true, elapsedMs: 3_600_000 });
    }
    // An end after the start is no end either while the session works.
    const working = {
      CreationTimeUTC: start,
      EndTimeUTC: now,
      State: 'Working',
      Result: 'Success',
    };
    expect(isRunning(working)).toBe(true);
    expect(isPlaceholderEnd(now.getTime(), start.getTime(), 'Success', 'Resuming')).toBe(true);
  });

  it('takes a finished State for finished, whatever the end and result', () => {
    const placeholder = new Date('1900-01-01T00:00:00Z');
    const stopped = {
      CreationTimeUTC: start,
      EndTimeUTC: placeholder,
      State: 'Stopped',
      Result: 'None',
    };
    expect(hasPlaceholderEnd(stopped)).toBe(false);
    expect(isRunning(stopped)).toBe(false);
    expect(isPlaceholderEnd(placeholder.getTime(), start.getTime(), 'None', 'Completed')).toBe(
      false,
    );
    // Finished, but with no end to measure by: 0, marked as no measurement.
    expect(sessionDuration(stopped)).toEqual({ running: false, durationMs: 0, endUnknown: true });
    const withoutEnd = { CreationTimeUTC: start, State: 'Completed', Result: 'Success' };
    expect(isRunning(withoutEnd)).toBe(false);
    expect(sessionDuration(withoutEnd)).toEqual({
      running: false,
      durationMs: 0,
      endUnknown: true,
    });
    // A real end is measured as ever.
    const end = new Date('2025-09-24T20:02:54.717Z');
    expect(sessionDuration({ ...stopped, EndTimeUTC: end })).toEqual({
      running: false,
      durationMs: 165_110,
    });
  });

  it('keeps the rule by end and result for a State it does not know (a newer EM)', () => {
    const placeholder = new Date('1900-01-01T00:00:00Z');
    const session = { CreationTimeUTC: start, EndTimeUTC: placeholder, State: 'Postprocessing' };
    expect(isRunning({ ...session, Result: 'None' })).toBe(true);
    expect(isRunning({ ...session, Result: 'Success' })).toBe(false);
    expect(sessionDuration({ ...session, Result: 'Success' })).toEqual({
      running: false,
      durationMs: 0,
      endUnknown: true,
    });
    expect(isRunning({ CreationTimeUTC: start, State: 'Postprocessing' })).toBe(true);
    expect([isRunningState('Postprocessing'), isFinishedState('Postprocessing')]).toEqual([
      false,
      false,
    ]);
  });

  it('uses the real clock by default', () => {
    const result = sessionDuration({ CreationTimeUTC: new Date(Date.now() - 5_000) });
    expect(result.running).toBe(true);
    expect(result.running && result.elapsedMs).toBeGreaterThanOrEqual(5_000);
  });

  it('refuses invalid dates by name', () => {
    expect(() => sessionDuration({ CreationTimeUTC: new Date('nope') })).toThrow(
      /CreationTimeUTC is an invalid Date/,
    );
    expect(() =>
      sessionDuration({ CreationTimeUTC: start, EndTimeUTC: new Date(Number.NaN) }),
    ).toThrow(/EndTimeUTC/);
    expect(() => sessionDuration({ CreationTimeUTC: start }, new Date(Number.NaN))).toThrow(
      new InvalidDateError('now'),
    );
    expect(() => sessionDuration({ CreationTimeUTC: new Date('nope') })).toThrow(VbemError);
  });

  it('refuses what is no Date (from JavaScript) by name, as an InvalidDateError, not a TypeError', () => {
    const text = '2026-01-01T00:00:00Z';
    const fromText = () =>
      sessionDuration({ CreationTimeUTC: text as unknown as Date, EndTimeUTC: start });
    expect(fromText).toThrow(InvalidDateError);
    expect(fromText).toThrow(VbemError);
    expect(fromText).toThrow(new InvalidDateError('CreationTimeUTC', { value: text }));
    expect(fromText).toThrow('CreationTimeUTC is "2026-01-01T00:00:00Z", not a Date');
    expect(() =>
      sessionDuration({
        CreationTimeUTC: start,
        EndTimeUTC: text as unknown as Date,
        Result: 'None',
      }),
    ).toThrow(new InvalidDateError('EndTimeUTC', { value: text }));
    expect(() =>
      sessionDuration({ CreationTimeUTC: start }, Date.now() as unknown as Date),
    ).toThrow(/^now is \d+, not a Date$/);
    expect(() => sessionDuration({} as SessionTimes)).toThrow(
      'CreationTimeUTC is undefined, not a Date',
    );
    // A Date of another realm is a Date.
    const otherRealm = runInNewContext('new Date(Date.UTC(2026, 0, 1))') as Date;
    expect(sessionDuration({ CreationTimeUTC: otherRealm }, start).running).toBe(true);
  });

  it('refuses in isRunning and hasPlaceholderEnd too the times they compare that are no Dates', () => {
    const text = '2026-01-01T00:00:00Z' as unknown as Date;
    expect(() => isRunning({ CreationTimeUTC: start, EndTimeUTC: text, Result: 'None' })).toThrow(
      new InvalidDateError('EndTimeUTC', { value: text }),
    );
    expect(() =>
      hasPlaceholderEnd({ CreationTimeUTC: text, EndTimeUTC: start, Result: 'None' }),
    ).toThrow(new InvalidDateError('CreationTimeUTC', { value: text }));
    // What they do not compare is not read: a known state decides alone.
    expect(isRunning({ CreationTimeUTC: text, EndTimeUTC: text, State: 'Stopped' })).toBe(false);
  });
});
