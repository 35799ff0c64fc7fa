import { decode } from '@vbem/xml';
import { describe, expect, it } from 'vitest';
import { generateDocument } from '../bench/generate-document.mjs';

// A query page large enough to be parsed item by item (> 16 KB), and the same page in forms that
// must be parsed whole: the two paths have to give the same value.
const { xml, sessions } = generateDocument(200_000);
const listStart = xml.indexOf('<BackupJobSessions>') + '<BackupJobSessions>'.length;
const withComment = `${xml.slice(0, listStart)}<!-- parsed whole: a comment among the items -->${xml.slice(listStart)}`;
const withoutNewlines = xml.replaceAll('\n', '');

describe('large documents, parsed piece by piece', () => {
  it('give the same value as when parsed whole', () => {
    const piecewise = decode(xml, { root: 'QueryResult' });
    const whole = decode(withComment, { root: 'QueryResult' });
    expect(piecewise.value.Entities?.BackupJobSessions?.BackupJobSessions).toHaveLength(sessions);
    expect(piecewise.value).toEqual(whole.value);
    expect(decode(withoutNewlines, { root: 'QueryResult' }).value).toEqual(whole.value);
  });

  it('report unknown parts inside an item the same way, with its position', () => {
    const extra = xml.replace('<IsRetry>', '<NewerEmField>x</NewerEmField><IsRetry>');
    const { warnings } = decode(extra, { root: 'QueryResult' });
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'unknown-element',
        path: '/QueryResult/Entities/BackupJobSessions/BackupJobSession[1]/NewerEmField',
      }),
    ]);
    expect(() => decode(extra, { root: 'QueryResult', strict: true })).toThrow(/NewerEmField/);
  });

  it('keep the text of a mixed-content list as an unknown part, not drop it', () => {
    const mixed = `${xml.slice(0, listStart)}stray text${xml.slice(listStart)}`;
    const { warnings, value } = decode(mixed, { root: 'QueryResult' });
    expect(value.Entities?.BackupJobSessions?.BackupJobSessions).toHaveLength(sessions);
    expect(warnings.map((w) => w.code)).toContain('unknown-text');
  });
});
