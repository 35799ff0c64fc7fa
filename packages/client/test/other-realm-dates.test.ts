import { runInNewContext } from 'node:vm';
import { parseEmDateTime, subMillisecondTicks } from '@vbem/model';
import { describe, expect, it } from 'vitest';
import { ClientOptionsError } from '../src/errors/client-options-error.js';
import { where } from '../src/query/filter.js';
import { planSessions, type SessionPlan } from '../src/sessions.js';

const ISO = '2026-06-15T06:00:00.250Z';
/** A Date made in another realm (a vm context, as a worker or jsdom give): `instanceof Date` is false. */
const otherRealmDate = (iso: string): Date => runInNewContext(`new Date(${JSON.stringify(iso)})`);
/** An object that inherits Date's methods but is no Date: each of them throws a TypeError. */
const fakeDate = (): Date => Object.create(Date.prototype);

describe('Dates of another realm are Dates; objects merely inheriting from Date.prototype are not', () => {
  it('where() writes a Date of another realm as any Date, and refuses a fake one by name', () => {
    const other = otherRealmDate(ISO);
    expect(other instanceof Date).toBe(false);
    expect(where('CreationTime', '>=', other).toString()).toBe(
      where('CreationTime', '>=', new Date(ISO)).toString(),
    );
    expect(() => where('CreationTime', '>=', fakeDate())).toThrow(
      expect.objectContaining({ name: 'FilterError', field: 'CreationTime' }),
    );
    expect(() => where('Name', '==', fakeDate() as never)).toThrow(
      expect.objectContaining({ name: 'FilterError', field: 'Name' }),
    );
  });

  it('sessions() takes now, since and until of another realm, and refuses fake ones with ClientOptionsError', () => {
    const until = new Date(ISO);
    const same = planSessions({ since: new Date('2026-06-14T00:00:00Z'), until, now: () => until });
    const other = planSessions({
      since: otherRealmDate('2026-06-14T00:00:00Z'),
      until: otherRealmDate(ISO),
      now: () => otherRealmDate(ISO),
    });
    const filters = (plan: SessionPlan) => [
      plan.since,
      plan.until,
      plan.filterOf(0, plan.since, plan.until),
    ];
    expect(filters(other)).toEqual(filters(same));
    expect(filters(planSessions({ now: () => otherRealmDate(ISO) }))).toEqual(
      filters(planSessions({ now: () => until })),
    );
    for (const options of [{ now: fakeDate }, { since: fakeDate() }, { until: fakeDate() }]) {
      expect(() => planSessions(options)).toThrow(ClientOptionsError);
    }
    expect(() => planSessions({ since: 5 as never })).toThrow(
      'since must be a Date or a duration such as 7d, got 5',
    );
  });

  it('keeps the ticks below the millisecond of a decoded bound', () => {
    const since = parseEmDateTime('2026-06-15T05:00:00.2500001Z') as Date;
    const plan = planSessions({ since, until: new Date(ISO), now: () => new Date(ISO) });
    expect(subMillisecondTicks(since)).toBe(1);
    expect(plan.filterOf(0, plan.since, plan.until)).toContain('"2026-06-15T05:00:00.2500001Z"');
  });
});
