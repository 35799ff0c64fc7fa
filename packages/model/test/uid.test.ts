import { describe, expect, it } from 'vitest';
import {
  formatUid,
  hrefOfUid,
  idOfUid,
  parseUid,
  UidError,
  uidOfHref,
  VbemError,
} from '../src/index.js';

const id = 'a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6';
const uid = `urn:veeam:BackupJobSession:${id}`;

describe('UIDs', () => {
  it('parses and formats urn:veeam:<Kind>:<id>', () => {
    expect(parseUid(uid)).toEqual({ kind: 'BackupJobSession', id });
    expect(formatUid('BackupJobSession', id)).toBe(uid);
    expect(idOfUid('urn:veeam:Job:2b078668-e45d-4eb3-abb0-275b0d130e7e')).toBe(
      '2b078668-e45d-4eb3-abb0-275b0d130e7e',
    );
  });

  it.each([
    '',
    'a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6',
    'urn:veeam:BackupJobSession',
    'urn:veeam::x',
    'urn:VMware:Vm:a87d15db.vm-91826',
    `urn:veeam:BackupJobSession:${id}:extra`,
    ` ${uid}`,
  ])('refuses %j with a typed error', (bad) => {
    expect(() => parseUid(bad)).toThrow(UidError);
    try {
      parseUid(bad);
    } catch (error) {
      expect(error).toBeInstanceOf(VbemError);
      expect((error as UidError).name).toBe('UidError');
      expect((error as UidError).value).toBe(bad);
      expect((error as Error).message).toContain('not an EM UID');
    }
  });

  it('refuses to format parts that would not parse back', () => {
    expect(() => formatUid('Backup Job', id)).toThrow(UidError);
    expect(() => formatUid('Job', 'a/b')).toThrow(/not a UID id/);
  });

  it('refuses what is not a string with a UidError, not a TypeError', () => {
    for (const value of [null, undefined, 42]) {
      expect(() => parseUid(value as never)).toThrow(UidError);
    }
    expect(() => parseUid(null as never)).toThrow('not a string: "null"');
  });

  it('trims a huge offending value in the message', () => {
    const error = (() => {
      try {
        parseUid('x'.repeat(10_000));
      } catch (caught) {
        return caught as UidError;
      }
    })();
    expect(error?.message.length).toBeLessThan(300);
  });
});

describe('UID ↔ href', () => {
  it('builds the entity URL below any API base', () => {
    const expected = `https://em.example:9398/api/backupSessions/${id}`;
    expect(hrefOfUid('https://em.example:9398/api/', uid)).toBe(expected);
    expect(hrefOfUid('https://em.example:9398/api', uid)).toBe(expected);
    expect(hrefOfUid('https://em.example:9398/api/', uid, { format: 'Entity' })).toBe(
      `${expected}?format=Entity`,
    );
    expect(hrefOfUid('http://localhost:9399/api/', 'urn:veeam:ReplicaTaskSession:abc')).toBe(
      'http://localhost:9399/api/replicaTaskSessions/abc',
    );
  });

  it('reads the UID back from hrefs as EM writes them', () => {
    expect(uidOfHref(`https://localhost:9398/api/backupSessions/${id}?format=Entity`)).toBe(uid);
    expect(uidOfHref(`https://localhost:9398/api/backupSessions/${id}`)).toBe(uid);
    expect(uidOfHref('https://localhost:9398/api/jobs/2b078668-e45d-4eb3-abb0-275b0d130e7e')).toBe(
      'urn:veeam:Job:2b078668-e45d-4eb3-abb0-275b0d130e7e',
    );
    expect(uidOfHref(hrefOfUid('https://h/em/api/', 'urn:veeam:RestoreSession:r1'))).toBe(
      'urn:veeam:RestoreSession:r1',
    );
  });

  it("reads the docs' misspelt `repicaTaskSessions` collection, but never writes it", () => {
    // The Href of schemas/fixtures/em-docs/get-replicaTaskSession-entity.xml, as EM's docs print it.
    const taskId = '24590151-20cd-4e57-8a2f-8b65869a1879';
    const taskUid = `urn:veeam:ReplicaTaskSession:${taskId}`;
    expect(uidOfHref(`https://localhost:9398/api/repicaTaskSessions/${taskId}?format=Entity`)).toBe(
      taskUid,
    );
    expect(uidOfHref(`https://localhost:9398/api/replicaTaskSessions/${taskId}`)).toBe(taskUid);
    expect(hrefOfUid('https://localhost:9398/api/', taskUid)).toBe(
      `https://localhost:9398/api/replicaTaskSessions/${taskId}`,
    );
    expect(() =>
      uidOfHref(`https://localhost:9398/api/replicaSessions/${taskId}/repicaTaskSessions`),
    ).toThrow(UidError);
  });

  it.each([
    'not a url',
    `https://localhost:9398/api/backupSessions/${id}/taskSessions`,
    'https://localhost:9398/api/unknownThings/1',
    'https://localhost:9398/api/',
    `https://localhost:9398/backupSessions/${id}`,
    'https://localhost:9398/api/jobs/%E0%A4%A',
  ])('refuses %s', (href) => {
    expect(() => uidOfHref(href)).toThrow(UidError);
  });

  it('refuses a UID kind with no URL collection', () => {
    for (const kind of ['Mystery', 'constructor', 'toString', '__proto__']) {
      expect(() => hrefOfUid('https://h/api/', `urn:veeam:${kind}:1`)).toThrow(
        /no known URL collection/,
      );
    }
  });
});
