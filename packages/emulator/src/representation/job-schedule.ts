import {
  DayOfWeek,
  enumTypeDescriptors,
  type JobScheduleOptions,
  type JobSchedulePeriodicallyOptions,
  type TimePeriods,
} from '@vbem/model';
import { pad2 } from '../dataset/number-format.js';
import { DAY_MS, MINUTE_MS } from '../dataset/time-units.js';

const WEEKDAYS = enumTypeDescriptors.DayOfWeek.values;
const MONTHS = enumTypeDescriptors.Month.values;
const MINUTES_PER_DAY = 24 * 60;

// The session generator retries a failed run up to 3 times, 10 minutes after it ended.
const RETRY_TIMES = 3;
const RETRY_WAIT_MINUTES = 10;

// VBR's defaults for the schedules the generated jobs leave off: monthly at 22:00 on the fourth
// Saturday, periodically every hour.
const MONTHLY_DEFAULT_MINUTE = 22 * 60;
const HOURLY_RUNS_PER_DAY = 24;

/** Every hour of the week allowed: per weekday, 24 comma-separated flags. */
function wholeWeek(): TimePeriods {
  const everyHour = Array.from({ length: 24 }, () => '1').join(',');
  return { Day: WEEKDAYS.map((Name) => ({ Name, Value: everyHour })) };
}

/** A time of day as EM writes schedule times; the dataset's times are UTC. */
const timeOfDay = (minuteOfDay: number): string =>
  `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}:00.0000000+00:00`;

/** The period that spreads `runsPerDay` runs evenly over a day, in hours when it is whole hours. */
function periodOf(runsPerDay: number): Pick<JobSchedulePeriodicallyOptions, 'Kind' | 'FullPeriod'> {
  const minutes = MINUTES_PER_DAY / runsPerDay;
  return minutes % 60 === 0
    ? { Kind: 'Hours', FullPeriod: minutes / 60 }
    : { Kind: 'Minutes', FullPeriod: Math.max(1, Math.round(minutes)) };
}

/**
 * The `Standart` schedule of a job that runs `runsPerDay` times a day from `startMinute` (UTC),
 * as the dataset generates its sessions: daily when once a day, periodically when more often.
 */
export function standardSchedule(startMinute: number, runsPerDay: number): JobScheduleOptions {
  const periodic = runsPerDay > 1;
  return {
    Standart: {
      RetryOptions: {
        RetryTimes: RETRY_TIMES,
        RetryTimeout: RETRY_WAIT_MINUTES,
        RetrySpecified: true,
      },
      WaitForBackupCompletion: true,
      BackupCompetitionWaitingPeriodMin: 180,
      OptionsDaily: {
        Enabled: !periodic,
        Kind: 'Everyday',
        Days: [...WEEKDAYS],
        Time: timeOfDay(startMinute),
        TimeOffsetUtc: 0,
      },
      OptionsMonthly: {
        Enabled: false,
        Time: timeOfDay(MONTHLY_DEFAULT_MINUTE),
        TimeOffsetUtc: 0,
        DayNumberInMonth: 'Fourth',
        DayOfWeek: DayOfWeek.Saturday,
        Months: [...MONTHS],
        DayOfMonth: 1,
      },
      OptionsPeriodically: {
        Enabled: periodic,
        ...periodOf(periodic ? runsPerDay : HOURLY_RUNS_PER_DAY),
        Schedule: wholeWeek(),
      },
      OptionsContinuous: { Enabled: false, Schedule: wholeWeek() },
      OptionsBackupWindow: { Enabled: false, TimePeriods: wholeWeek() },
      OptionsDaisyChaining: { Enabled: false, PreviousJobUid: '' },
    },
  };
}

/** The schedule of a copy job: immediate copy runs continuously, periodic copy does not. */
export function immediateCopySchedule(continuous: boolean): JobScheduleOptions {
  return {
    ImmediateCopyMode: { OptionsContinuous: { Enabled: continuous, Schedule: wholeWeek() } },
  };
}

/**
 * The first scheduled start strictly after `now`. Runs start `runsPerDay` times a day, evenly
 * spaced from `startMinute`, with the slot arithmetic of the session generator.
 */
export function nextScheduledRun(startMinute: number, runsPerDay: number, now: Date): Date {
  const runs = Math.max(1, runsPerDay);
  const sinceFirstSlot = now.getTime() - startMinute * MINUTE_MS;
  const dayStart = Math.floor(sinceFirstSlot / DAY_MS) * DAY_MS;
  const intoDay = sinceFirstSlot - dayStart;
  const offsetOf = (slot: number) => Math.floor((slot * DAY_MS) / runs);
  let slot = Math.floor((intoDay * runs) / DAY_MS);
  while (offsetOf(slot) <= intoDay) slot++;
  return new Date(dayStart + startMinute * MINUTE_MS + offsetOf(slot));
}
