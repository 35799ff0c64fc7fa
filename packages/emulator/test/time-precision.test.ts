import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { emulatorForTest, get, logOn } from './emulator-harness.js';

const CREATION_TIMES = /<CreationTimeUTC>[^<]*<\/CreationTimeUTC>/g;
const fractionDigits = (stamps: readonly string[]) =>
  stamps.map((stamp) => /\.(\d+)Z/.exec(stamp)?.[1]?.length ?? 0);

/** A query's answer as text, through a fresh logon. */
async function query(emVersion: 12 | 13, parameters: string, accept?: string): Promise<string> {
  const emulator = await emulatorForTest({ emVersion });
  const token = await logOn(emulator);
  const response = await get(emulator, `query?${parameters}`, token, accept);
  expect(response.status).toBe(200);
  return response.text();
}

const filtered = (filter: string) =>
  `type=BackupJobSession&format=Entities&filter=${encodeURIComponent(filter)}`;

const namesOf = (xml: string) =>
  (
    decode(xml, { root: 'QueryResult' }).value.Entities?.BackupJobSessions?.BackupJobSessions ?? []
  ).map((session) => session.Name);

describe('times, as precise as the EM version keeps them', () => {
  it('EM 13 writes microseconds, trailing zeros trimmed, in XML and in session names', async () => {
    const xml = await query(13, 'type=BackupTaskSession&format=Entities&pageSize=500');
    const stamps = xml.match(CREATION_TIMES) ?? [];
    expect(stamps.length).toBe(500);
    const digits = fractionDigits(stamps);
    expect(Math.max(...digits)).toBe(6);
    expect(digits.filter((count) => count > 3).length).toBeGreaterThan(400);
    expect(stamps.filter((stamp) => /0Z</.test(stamp))).toEqual([]);
    const names = xml.match(/ Name="[^"]*@[^"]*"/g) ?? [];
    expect(names.filter((name) => /\.\d{4,6}"$/.test(name)).length).toBeGreaterThan(400);
  });

  it('EM 13 JSON writes six fraction digits', async () => {
    const json = await query(13, 'type=BackupJobSession&format=Entities', 'application/json');
    const stamps = json.match(/"creationTimeUTC":"[^"]*"/g) ?? [];
    expect(stamps.length).toBeGreaterThan(100);
    expect(new Set(fractionDigits(stamps))).toEqual(new Set([6]));
  });

  it('EM 12 writes milliseconds at most, in XML and JSON', async () => {
    const xml = await query(12, 'type=BackupJobSession&format=Entities');
    expect(Math.max(...fractionDigits(xml.match(CREATION_TIMES) ?? []))).toBeLessThanOrEqual(3);
    const json = await query(12, 'type=BackupJobSession&format=Entities', 'application/json');
    const stamps = json.match(/"CreationTimeUTC":"[^"]*"/g) ?? [];
    expect(stamps.length).toBeGreaterThan(100);
    expect(Math.max(...fractionDigits(stamps))).toBeLessThanOrEqual(3);
  });

  it('EM 13 compares filter times to the microsecond: a bound cut to the millisecond is below the session', async () => {
    const first = /<BackupJobSession [^>]*Name="([^"]+)"[\s\S]*?<CreationTimeUTC>([^<]+)</.exec(
      await query(13, 'type=BackupJobSession&format=Entities&sortAsc=CreationTime&pageSize=1'),
    );
    const [, name, exact] = first as RegExpExecArray;
    expect(exact).toMatch(/\.\d{4,6}Z$/);
    const cut = (exact as string).replace(/(\.\d{3})\d+Z$/, '$1Z');
    expect(namesOf(await query(13, filtered(`CreationTime=="${exact}"`)))).toEqual([name]);
    expect(namesOf(await query(13, filtered(`CreationTime<="${exact}"`)))).toEqual([name]);
    expect(namesOf(await query(13, filtered(`CreationTime>"${exact}"`)))).not.toContain(name);
    expect(namesOf(await query(13, filtered(`CreationTime>"${cut}"`)))).toContain(name);
    expect(namesOf(await query(13, filtered(`CreationTime=="${cut}"`)))).toEqual([]);
  });

  it('EM 12 compares to the millisecond it writes', async () => {
    const first = /<BackupJobSession [^>]*Name="([^"]+)"[\s\S]*?<CreationTimeUTC>([^<]+)</.exec(
      await query(12, 'type=BackupJobSession&format=Entities&sortAsc=CreationTime&pageSize=1'),
    );
    const [, name, written] = first as RegExpExecArray;
    expect(namesOf(await query(12, filtered(`CreationTime=="${written}"`)))).toEqual([name]);
    expect(namesOf(await query(12, filtered(`CreationTime<="${written}"`)))).toEqual([name]);
    expect(namesOf(await query(12, filtered(`CreationTime>"${written}"`)))).not.toContain(name);
  });

  it('EM 13 sorts names in microsecond order', async () => {
    const xml = await query(13, 'type=BackupJobSession&format=Entities&sortAsc=Name&pageSize=1000');
    const names = namesOf(xml);
    expect(names.length).toBeGreaterThan(100);
    expect(names).toEqual(
      [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a === b ? 0 : 1)),
    );
  });
});
